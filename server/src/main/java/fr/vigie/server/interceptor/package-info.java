/** Server interceptors: request validation, and (later) security and audit. */
package fr.vigie.server.interceptor;
