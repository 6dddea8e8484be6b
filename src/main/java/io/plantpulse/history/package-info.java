/** Recent history of every device and metric: fixed-size rings at one-second resolution. */
package io.plantpulse.history;
