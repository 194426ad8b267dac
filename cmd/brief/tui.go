package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/brief-reader/brief/cmd/brief/internal/startgc"
	"github.com/brief-reader/brief/model"
	"github.com/brief-reader/brief/model/config"
	"github.com/brief-reader/brief/model/sample"
	"github.com/brief-reader/brief/model/source"
	"github.com/brief-reader/brief/render"
	"github.com/brief-reader/brief/tui"
)

// tuiOptions are the root command's flags for the interactive reader.
type tuiOptions struct {
	theme       string
	store       storeFlags
	config      string
	since       time.Duration
	badConfigOK bool
}

func addTUIFlags(cmd *cobra.Command) *tuiOptions {
	o := &tuiOptions{}
	f := cmd.Flags()
	f.StringVar(&o.theme, "theme", "auto", "color theme: auto, dark or light (default: the config file's, else auto)")
	addStoreFlags(f, &o.store, true)
	f.StringVar(&o.config, "config", "", "config file (default $XDG_CONFIG_HOME/brief/config.toml)")
	f.DurationVar(&o.since, "since", 0, "show only articles from the last DURATION, e.g. 24h")
	f.BoolVar(&o.badConfigOK, "defaults-on-bad-config", false, "start with defaults when the config file has an error (shown in the status line)")
	return o
}

// runTUI opens the interactive reader on args, or on the embedded
// sample articles when there are none.
func runTUI(cmd *cobra.Command, args []string, o *tuiOptions) error {
	// The first frames are drawn as soon as they are made, not on
	// bubbletea's frame clock (earlyScreen).
	out, early := newEarlyScreen(os.Stdout)
	defer out.Done()
	// bubbletea's renderer needs the code-point width tables, not the
	// frames drawn early: they are built once the first frame is out,
	// before bubbletea's own first frame.
	go func() {
		<-out.FirstFrame()
		render.WarmWidthTables()
	}()
	keys := tui.DefaultKeyMap()
	cfg, err := tuiConfig(o.config, &keys)
	status := ""
	if err != nil {
		if !o.badConfigOK {
			return fmt.Errorf("%w\n(fix it, or start with --defaults-on-bad-config)", err)
		}
		cfg, keys = config.Default(), tui.DefaultKeyMap()
		status = "config ignored, using defaults: " + err.Error()
	}
	if !cmd.Flags().Changed("theme") && cfg.Theme != "" {
		o.theme = cfg.Theme
	}
	if o.since < 0 {
		return fmt.Errorf("--since must be positive, got %s", o.since)
	}
	if err := o.store.resolve(cfg); err != nil {
		return err
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	// The database opens while the reader starts: its first frame does
	// not wait for it. A database that cannot be opened ends the reader
	// with the reason, as before it started.
	// When every source is a local file, the first frame needs nothing
	// from the database: it opens once the first load is on screen, so
	// that it takes no CPU from that frame.
	var gate chan struct{}
	var shown func()
	if localOnly(args) {
		gate = make(chan struct{})
		shown = sync.OnceFunc(func() {
			go func() {
				<-out.FirstFrame() // drawn from what the load brought, just after
				close(gate)
			}()
		})
	}
	// The collector has been off since the program started (startgc).
	// Until the first frame is out it collects a quarter as often as
	// usual: its work at start cost about 8 ms of CPU before the first
	// frame, on a machine with two cores. Back to normal once the first
	// load shows, or after startGC at most, so a large load keeps its
	// usual peak.
	debug.SetGCPercent(400)
	restoreGC := sync.OnceFunc(startgc.Restore)
	defer restoreGC()
	time.AfterFunc(startGC, restoreGC)
	if shown != nil {
		open := shown
		shown = func() { open(); restoreGC() }
	} else {
		shown = restoreGC
	}
	st, later := o.store.openLater(ctx, gate)
	defer st.Close()
	defer out.Done() // the first frame is out, if none was: the gate opens
	if shown != nil {
		defer shown() // before Close, which waits for the open
	}
	if len(args) == 0 {
		for _, p := range cfg.Library {
			args = append(args, expandHome(p))
		}
	}
	fetcher, err := newFetcher(cmd, cfg)
	if err != nil {
		return err
	}
	switch o.theme {
	case "auto", "dark", "light":
	default:
		return fmt.Errorf("unknown --theme %q (want auto, dark or light)", o.theme)
	}
	stdin := cmd.InOrStdin()
	load := func(ctx context.Context) ([]model.Article, []error) {
		if len(args) == 0 {
			arts, err := sample.Articles()
			if err != nil {
				return arts, []error{err}
			}
			return arts, nil
		}
		return source.LoadAllWith(ctx, args, stdin, fetcher)
	}
	opts := tui.Options{
		Context: ctx,
		Load:    load,
		Theme:   o.theme,
		NoColor: os.Getenv("NO_COLOR") != "",
		Keys:    &keys,
		Since:   o.since,
		OpenURL: tui.OpenBrowser,
		Status:  status,
	}
	opts.Shown = shown
	triageOptions(&opts, st, o.store.localUser(st), args, fetcher, cfg)
	live := st.Subscribe() // other processes' review changes, as they happen
	defer live.Close()
	opts.Live = live
	if len(args) > 0 {
		// Articles show up in the library as their sources finish.
		opts.Stream = func(ctx context.Context) <-chan source.Event {
			return source.Stream(ctx, args, source.Options{Stdin: stdin, Fetcher: fetcher})
		}
	}
	if early {
		opts.Early = out.Draw
	}
	primeWait := time.Duration(0)
	if early && localOnly(args) {
		// The first frame is drawn before bubbletea starts, from the
		// terminal's size and the first local articles (tui.Model.Prime).
		if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 && h > 0 {
			opts.Width, opts.Height = w, h
			primeWait = primeFor
		}
	}
	m := tui.New(opts)
	if primeWait > 0 {
		m = m.Prime(primeWait)
	}
	// No library may write to the terminal while the reader draws on it.
	_, restoreLog := routeLogToFile()
	defer restoreLog()
	// A closed terminal (SIGHUP) ends the program like q, so that the
	// store is closed and this session's actions stay undoable after a
	// restart.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGHUP)
	defer stop()
	// At 120 frames a second the first frame, and each keystroke's,
	// reaches the screen up to 8 ms sooner than at the default 60.
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithFPS(120), tea.WithOutput(out))
	go func() {
		if later.opened() != nil {
			p.Quit()
		}
	}()
	_, err = p.Run()
	if shown != nil {
		shown()
	}
	if err := later.opened(); err != nil {
		return err
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}

// primeFor is how long the reader waits for the first local articles
// before bubbletea starts (tui.Model.Prime); bubbletea's own first frame
// comes about 10 ms after it starts.
const primeFor = 20 * time.Millisecond

// startGC is how long at most the collector runs less often at start.
const startGC = 150 * time.Millisecond

// localOnly reports whether origins are all local files or folders (no
// URL, no standard input, no OPML list): then nothing the reader shows
// first comes from the database.
func localOnly(origins []string) bool {
	if len(origins) == 0 {
		return false
	}
	for _, o := range origins {
		if o == "-" || isWebOrigin(o) || strings.HasSuffix(strings.ToLower(o), ".opml") {
			return false
		}
	}
	return true
}
