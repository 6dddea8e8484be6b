/**
 * A simulated plant that produces the telemetry contract to Kafka, from the command line or in-app.
 */
package io.plantpulse.simulator;
