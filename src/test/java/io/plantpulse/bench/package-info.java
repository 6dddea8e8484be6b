/**
 * Benchmarks run as commands (never as timed tests); each prints its figures and writes them under
 * target/bench.
 */
package io.plantpulse.bench;
