/** JMH benchmarks and end-to-end comparisons that print ratios against DL4J/ND4J baselines measured in the same run. */
package org.geodl4j.bench;
