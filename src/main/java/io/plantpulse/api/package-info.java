/** REST resources that serve what a page needs on load. */
package io.plantpulse.api;
