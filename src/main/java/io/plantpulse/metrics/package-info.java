/**
 * One small facade over the metrics backend, so the WAR also runs where MicroProfile Metrics is
 * absent.
 */
package io.plantpulse.metrics;
