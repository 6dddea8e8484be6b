/** MicroProfile Health checks for the poll loop, the flusher and Kafka readiness. */
package io.plantpulse.health;
