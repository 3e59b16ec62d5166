/** Demo data set, loaded once through the import framework on the default profile. */
package fr.vigie.server.demo;
