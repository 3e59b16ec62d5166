/** Import framework and Camel routes feeding Vigie. */
package fr.vigie.routes;
