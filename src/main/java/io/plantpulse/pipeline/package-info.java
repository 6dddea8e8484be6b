/**
 * The pipeline every polled batch passes through, in one visible order: state, history, alarms,
 * then one hand-off to push. Each stage is timed and isolated. It sits between the Kafka edge and
 * the features it calls, so neither imports the other.
 */
package io.plantpulse.pipeline;
