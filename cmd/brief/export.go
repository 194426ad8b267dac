package main

import (
	"bufio"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/quoteindex"
	"github.com/brief-reader/brief/model/report"
	"github.com/brief-reader/brief/model/store"
)

// exportOptions are the flags of `brief export`.
type exportOptions struct {
	format, tag, speaker, config string
	starred, quotes, all, review bool
	since                        time.Duration
	store                        storeFlags
}

func newExportCmd() *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export [--starred|--tag T|--since 24h] [--quotes [--speaker NAME]] [--format markdown|json] [PATH...]\n  brief export --review [--since 24h] [--format json|csv]",
		Short: "Write a digest of what matters: briefs with your notes, or your chosen quotes",
		Long: `export writes a digest of your library: for each article its title, source,
key points, chosen quotes with their speakers, phases, and your note and tags.
Chosen quotes are the ones you marked (checked, flagged or starred) in the
reader; an article with no marked quote lists all of its quotes.

With --quotes it writes only the quotes with a mark or a note: quote, speaker,
role, article title, source URL and date, the mark, and the note (in a shared
review with who wrote it). Speaker corrections made in the reader win over
the analysis; --shared uses the library's shared review instead of yours.

With --review it writes the review audit log instead: every mark, quote note
and speaker correction anyone made, undos included, oldest first, with its
time, reviewer, article, quote, and the values before and after (JSON Lines,
or CSV with --format csv); --since 24h keeps the last day.

The library is PATH... when given, else the library the reader opens without
paths (the configured library, else the sample articles), plus the articles
kept in the state database from feeds and URLs. Archived articles are left out
unless --all is given.`,
		Example: `  brief export --starred > starred.md
  brief export --since 24h --format json ~/news/today/
  brief export --tag energy
  brief export --quotes --speaker "Ines Varga" --format markdown
  brief export --review --since 24h --format csv > review.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			defer batchGC(cmd.Context())()
			if o.review {
				return o.exportReview(cmd, args)
			}
			if o.format == "" {
				o.format = "markdown"
			}
			if o.format != "markdown" && o.format != "json" {
				return fmt.Errorf("unknown --format %q (want markdown or json)", o.format)
			}
			cfg, err := loadConfig(o.config)
			if err != nil {
				return err
			}
			if err := o.store.resolve(cfg); err != nil {
				return err
			}
			st, err := o.store.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			fetcher, err := newFetcher(cmd, cfg)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			arts, failed := gatherArticles(ctx, args, cfg, st, fetcher, cmd.InOrStdin(), cmd.ErrOrStderr())
			user := o.store.localUser(st)
			states, err := user.States(ctx)
			if err != nil {
				return err
			}
			review, err := user.Review(ctx)
			if err != nil {
				return err
			}
			marks := make(map[store.QuoteRef]store.Mark, len(review.Marks))
			for ref, m := range review.Marks {
				marks[ref] = m.Mark
			}
			withSourceTags(states, arts)
			fix, err := newCorrector(ctx, user, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			now := time.Now()
			var kept []model.Article
			for _, a := range arts {
				if o.keep(a, states[model.ArticleID(a)], now) {
					kept = append(kept, a)
				}
			}
			sort.SliceStable(kept, func(i, j int) bool { return kept[i].Published.After(kept[j].Published) })
			out := bufio.NewWriter(cmd.OutOrStdout())
			defer out.Flush()
			briefs := analyzeAll(kept)
			for i, a := range kept {
				briefs[i] = fix.apply(a, briefs[i])
			}
			if o.quotes {
				err = o.writeQuotes(out, kept, briefs, review, user.Scope() == store.SharedScope)
			} else {
				err = o.writeDigest(out, kept, briefs, states, marks, now)
			}
			if err != nil {
				return err
			}
			if failed {
				return errSilent
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", "", "output format: markdown or json; with --review json or csv (default markdown, with --review json)")
	f.BoolVar(&o.starred, "starred", false, "only starred articles")
	f.StringVar(&o.tag, "tag", "", "only articles with this tag")
	f.DurationVar(&o.since, "since", 0, "only articles published within this long, e.g. 24h (undated ones are left out)")
	f.BoolVar(&o.all, "all", false, "include archived articles")
	f.BoolVar(&o.quotes, "quotes", false, "export the quotes with a mark or a note instead of articles")
	f.StringVar(&o.speaker, "speaker", "", "with --quotes: only this speaker")
	f.BoolVar(&o.review, "review", false, "export the review audit log (every mark, note and correction) instead")
	addStoreFlags(f, &o.store, false)
	f.StringVar(&o.config, "config", "", "config file (default: $XDG_CONFIG_HOME/brief/config.toml)")
	return cmd
}

// withSourceTags gives each article the store holds no state for the
// tags its source gave it (front matter), as the reader would on first
// sight; an article the store knows has its tags there already.
func withSourceTags(states map[string]store.ArticleState, arts []model.Article) {
	for _, a := range arts {
		id := model.ArticleID(a)
		if _, ok := states[id]; ok || len(a.Tags) == 0 {
			continue
		}
		s := store.ArticleState{ID: id}
		for _, t := range a.Tags {
			if t, err := store.NormalizeTag(t); err == nil && !slices.Contains(s.Tags, t) {
				s.Tags = append(s.Tags, t)
			}
		}
		slices.Sort(s.Tags)
		states[id] = s
	}
}

// keep reports whether article a with state s passes the filters.
func (o *exportOptions) keep(a model.Article, s store.ArticleState, now time.Time) bool {
	if s.Archived && !o.all {
		return false
	}
	if o.starred && !s.Starred {
		return false
	}
	if o.tag != "" && !slices.Contains(s.Tags, o.tag) {
		return false
	}
	// An undated article may be years old: --since keeps it out.
	if o.since > 0 && (a.Published.IsZero() || now.Sub(a.Published) > o.since) {
		return false
	}
	return true
}

func (o *exportOptions) writeDigest(out *bufio.Writer, arts []model.Article, briefs []model.Brief, states map[string]store.ArticleState, marks map[store.QuoteRef]store.Mark, now time.Time) error {
	items := make([]report.DigestItem, 0, len(arts))
	for i, a := range arts {
		id := model.ArticleID(a)
		b := briefs[i]
		var chosen []model.Quote
		for _, q := range b.Quotes {
			if marks[store.QuoteRef{ArticleID: id, Key: model.QuoteKey(id, q)}] != store.MarkNone {
				chosen = append(chosen, q)
			}
		}
		if chosen == nil {
			chosen = b.Quotes
		}
		s := states[id]
		items = append(items, report.DigestItem{Article: a, Brief: b, Quotes: chosen, Note: s.Note, Tags: s.Tags})
	}
	if o.format == "json" {
		return report.WriteDigestJSON(out, items)
	}
	return report.WriteDigestMarkdown(out, items, now)
}

// writeQuotes writes the quotes that have a mark or a note, each with
// both; in a shared review (shared) with who wrote the note.
func (o *exportOptions) writeQuotes(out *bufio.Writer, arts []model.Article, briefs []model.Brief, review store.Review, shared bool) error {
	var items []report.QuoteItem
	want := quoteindex.Key(o.speaker)
	for i, a := range arts {
		id := model.ArticleID(a)
		for _, q := range briefs[i].Quotes {
			ref := store.QuoteRef{ArticleID: id, Key: model.QuoteKey(id, q)}
			m, note := review.Marks[ref], review.Notes[ref]
			if m.Mark == store.MarkNone && note.Note == "" || (o.speaker != "" && quoteindex.Key(q.Speaker) != want) {
				continue
			}
			it := report.QuoteItem{Quote: q, Article: a, Mark: string(m.Mark), Note: note.Note}
			if shared && note.Note != "" {
				it.NoteBy = note.Reviewer
			}
			items = append(items, it)
		}
	}
	if o.format == "json" {
		return report.WriteQuotesJSON(out, items)
	}
	return report.WriteQuotesMarkdown(out, items)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
