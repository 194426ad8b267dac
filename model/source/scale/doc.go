// Package scale holds the scale benchmarks of model/source (issue 4 §7):
// 10,000 corpus articles loaded from a folder, and one RSS file of 10,000
// items, each streamed through source.Stream and analysed with
// analyze.Analyze, reporting time to the first article, time to all, CPU
// time and peak RSS. It lives apart from model/source so that the loader's
// own tests never depend on the analysis package building.
//
//	BRIEF_CORPUS=$PWD/../shared/corpus go test -run '^$' -bench . -benchtime 3x ./model/source/scale/
package scale
