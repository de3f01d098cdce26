// Package extract reads a normalized policy document and finds its outline,
// key tasks, quantitative targets, observed figures, places, partner regions
// and projects, each tied to the span of text it came from.
package extract
