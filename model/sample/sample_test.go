package sample

import (
	"testing"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/analyze"
)

func TestSamplesLoad(t *testing.T) {
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(arts); n < 4 || n > 6 {
		t.Fatalf("%d samples, want 4 to 6", n)
	}
	var md, text, dated int
	for _, a := range arts {
		switch a.Format {
		case model.FormatMarkdown:
			md++
			if a.Source == "" || a.URL == "" || len(a.Tags) == 0 {
				t.Errorf("%s: front matter without source, url or tags", a.Origin)
			}
		case model.FormatText:
			text++
		}
		if !a.Published.IsZero() {
			dated++
		}
		if a.Title == "" || len(a.Paragraphs) < 5 {
			t.Errorf("%s: title %q, %d paragraphs", a.Origin, a.Title, len(a.Paragraphs))
		}
	}
	if md == 0 || text == 0 || dated*2 < len(arts) {
		t.Errorf("%d Markdown, %d plain text, %d dated: want both formats and most dated", md, text, dated)
	}
}

// TestSamplesShowEveryFeature checks that, between them, the samples
// give the reader something to show in every panel, and that one of
// them has nothing to find.
func TestSamplesShowEveryFeature(t *testing.T) {
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, a := range arts {
		b := analyze.Analyze(a)
		if b.KeyPointsHeading != "" {
			have["explicit key points "+string(a.Format)] = true
		}
		if len(b.KeyPoints) > 0 && b.KeyPoints[0].Derived {
			have["derived key points"] = true
		}
		speakers := map[string]bool{}
		for _, q := range b.Quotes {
			speakers[q.Speaker] = true
			if q.Partial {
				have["partial quote"] = true
			}
			if q.Continued {
				have["continued quote"] = true
			}
			if q.Role != "" {
				have["speaker role"] = true
			}
		}
		if len(speakers) >= 4 {
			have["many speakers"] = true
		}
		for _, p := range b.Phases {
			if p.Duration != "" {
				have["phase with duration"] = true
			}
		}
		if len(b.Phases) >= 3 {
			have["plan in phases"] = true
		}
		if len(b.Quotes) == 0 && len(b.Phases) == 0 && b.KeyPointsHeading == "" {
			have["nothing to find"] = true
		}
	}
	for _, f := range []string{
		"explicit key points markdown", "explicit key points text", "derived key points",
		"partial quote", "continued quote", "speaker role", "many speakers",
		"phase with duration", "plan in phases", "nothing to find",
	} {
		if !have[f] {
			t.Errorf("no sample shows: %s", f)
		}
	}
}
