/** Vigie terminology: CodeSystems, ValueSets, ConceptMaps and NamingSystems as classpath JSON. */
package fr.vigie.terminology;
