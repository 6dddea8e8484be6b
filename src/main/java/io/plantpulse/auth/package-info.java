/** Who may read and change what: bearer tokens mapped to principals, for the API and the socket. */
package io.plantpulse.auth;
