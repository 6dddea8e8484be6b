/** The live state of every device: metadata and the latest value of each metric. */
package io.plantpulse.state;
