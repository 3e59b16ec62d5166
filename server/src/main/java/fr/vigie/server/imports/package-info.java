/** HTTP endpoint of the import framework ({@code /import/{feed}}); feeds live in the camel-routes module. */
package fr.vigie.server.imports;
