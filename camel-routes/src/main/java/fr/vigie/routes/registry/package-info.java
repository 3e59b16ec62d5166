/**
 * Feed {@code registry}: SMUR helicopter registries ({@code .xlsx} read in streaming mode, {@code .xls}, CSV exports)
 * through the {@link fr.vigie.mappings.registry.RegistryMapper registry engine} of vigie-mappings.
 */
package fr.vigie.routes.registry;
