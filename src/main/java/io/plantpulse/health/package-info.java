/**
 * MicroProfile Health checks for the poll loop, the flusher and Kafka readiness, and the guards at
 * either end of the process: the heap check at startup and the deadline on shutdown.
 */
package io.plantpulse.health;
