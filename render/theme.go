// Package render draws brief's screens as strings: pure functions from
// model values, a size and a theme to styled text. It holds the Theme and
// Styles, the glamour body renderer, panel and layout drawing, and the
// sanitizing that keeps article text from ever reaching the terminal raw.
//
// Nothing here imports bubbletea: the tui package owns state and events
// and calls render to draw.
package render

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Theme is brief's palette in semantic terms. Every color has a dark and
// a light variant; ThemeFor picks one set.
type Theme struct {
	// Dark is true for the variant meant for dark backgrounds.
	Dark bool
	// Text is ordinary text.
	Text color.Color
	// Subtle is secondary text: metadata, hints, counts.
	Subtle color.Color
	// Accent marks titles and the active tab.
	Accent color.Color
	// Border is an unfocused panel border.
	Border color.Color
	// FocusBorder is the focused panel border.
	FocusBorder color.Color
	// Speaker is a quote's speaker name.
	Speaker color.Color
	// Role is a speaker's role.
	Role color.Color
	// Warning is for errors and the too-small message.
	Warning color.Color
	// Highlight is the background of words followed from a panel.
	Highlight color.Color
	// Match is the background of search matches.
	Match color.Color
	// Selection is the background of the selected row.
	Selection color.Color
	// OnHighlight is the text color drawn over Highlight, Match and
	// Selection.
	OnHighlight color.Color
}

// ThemeFor returns the theme for a dark or light terminal background.
func ThemeFor(dark bool) Theme {
	ld := lipgloss.LightDark(dark)
	c := lipgloss.Color
	return Theme{
		Dark:        dark,
		Text:        ld(c("#1f2328"), c("#e6e6e6")),
		Subtle:      ld(c("#6e7781"), c("#8b949e")),
		Accent:      ld(c("#6f42c1"), c("#c297ff")),
		Border:      ld(c("#afb8c1"), c("#484f58")),
		FocusBorder: ld(c("#0969da"), c("#58a6ff")),
		Speaker:     ld(c("#9a6700"), c("#f0b72f")),
		Role:        ld(c("#57606a"), c("#a5adb7")),
		Warning:     ld(c("#cf222e"), c("#ff7b72")),
		Highlight:   ld(c("#fff8c5"), c("#6b5800")),
		Match:       ld(c("#b6e3ff"), c("#1f4f7a")),
		Selection:   ld(c("#ddf4ff"), c("#253040")),
		OnHighlight: ld(c("#1f2328"), c("#ffffff")),
	}
}
