/** The geodl4j samples CLI ({@code tour} and one subcommand per feature), run on embedded data. */
package org.geodl4j.samples;
