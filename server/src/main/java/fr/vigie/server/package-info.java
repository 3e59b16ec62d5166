/** The Vigie Spring Boot application. Feature packages sit below this one. */
package fr.vigie.server;
