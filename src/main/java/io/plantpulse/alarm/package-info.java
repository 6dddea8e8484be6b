/** Alarms: what they are and the events that carry them between rules, REST and push. */
package io.plantpulse.alarm;
