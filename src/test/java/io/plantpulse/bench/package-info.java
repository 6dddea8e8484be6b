/** The benchmark suite (issue 7): processes, load client, scenarios, charts. Not in the WAR. */
package io.plantpulse.bench;
