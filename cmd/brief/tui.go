package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// tuiOptions are the root command's flags for the interactive reader.
type tuiOptions struct {
	theme string
}

func addTUIFlags(cmd *cobra.Command) *tuiOptions {
	o := &tuiOptions{}
	cmd.Flags().StringVar(&o.theme, "theme", "auto", "color theme: auto, dark or light")
	return o
}

// runTUI opens the interactive reader on args.
func runTUI(cmd *cobra.Command, args []string, o *tuiOptions) error {
	return errors.New("the interactive reader is not wired yet")
}
