// Package region is the gazetteer of China's administrative divisions:
// GB/T 2260 codes, names, former names and the one-character short forms
// that plans use (沪, 杭, 甬 …).
package region
