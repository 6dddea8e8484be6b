/**
 * WebSocket push: the endpoint and session registry, the push loop that routes poll batches into
 * shared feeds encoded once, and the send lanes that write them to every session.
 */
package io.plantpulse.push;
