// Package startgc holds the garbage collector off while the program's
// packages initialise, and gives it back to main.
//
// Initialising brief's dependencies allocates about 7.5 MB that is
// almost all garbage by the time main runs (glamour's syntax highlighter
// alone parses 3.9 MB of styles and lexers). At the default GOGC that
// is two collections before main, which cost about 2.2 ms of the 15 ms
// from launch to main on the 2-core development machine: the reader's
// first frame and every batch command pay it.
//
// runtime/debug cannot turn the collector off early enough: packages
// initialise in import-path order as their imports become ready, so it
// comes after every ready "github.com/..." package, the highlighter
// among them. This package imports nothing, so it initialises right
// after the runtime, and it reaches the collector's setting through the
// very function runtime/debug.SetGCPercent calls, which the runtime
// exports for that package by name.
//
// The program must call Restore (or set a percentage of its own with
// runtime/debug.SetGCPercent) before it allocates much: until then the
// collector does not run at all, whatever GOGC says.
package startgc

import _ "unsafe" // for go:linkname

// setGCPercent is runtime/debug.SetGCPercent's body in the runtime: it
// sets the collector's percentage and returns the previous one.
//
//go:linkname setGCPercent runtime/debug.setGCPercent
func setGCPercent(percent int32) int32

// percent is the collector's percentage as the process started: GOGC's
// value, 100 when it is unset, -1 for GOGC=off.
var percent = setGCPercent(-1)

// Percent returns the collector's percentage as the process started
// (GOGC's value, 100 by default, -1 for off): what Restore sets.
func Percent() int { return int(percent) }

// Restore sets the collector's percentage back to the one the process
// started with.
func Restore() { setGCPercent(percent) }
