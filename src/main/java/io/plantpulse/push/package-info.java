/**
 * WebSocket push: the endpoint, the session registry and the flusher that encodes once per flush.
 */
package io.plantpulse.push;
