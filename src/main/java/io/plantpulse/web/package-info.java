/** What the pages are served with: security headers for everything the WAR serves. */
package io.plantpulse.web;
