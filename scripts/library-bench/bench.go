package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/brief-reader/brief/scripts/internal/ptyrun"
)

// allListed is the library header once every item of the 10,000-item
// feed is listed.
const allListed = "10000 articles"

// ingest loads the 26 MB feed from scratch: time until every title is
// listed, then CPU and peak RSS until the program is idle, and the size
// of what it keeps.
func ingest(srv *server) {
	rows := map[string][]row{}
	var order []string
	for range *runs {
		for _, bin := range briefs() {
			dir := temp()
			r, err := ptyrun.Start(briefArgs(bin, dir, feedURL("bbc-10k.xml")), ptyrun.Options{Width: 120, Height: 40})
			must(err)
			listed, err := r.WaitFor(allListed, 60*time.Second)
			must(err)
			st := settle(r, 120*time.Second)
			quit(r)
			rows[bin] = append(rows[bin], st.with(row{"listed_ms": ms(listed),
				"briefs":    count(filepath.Join(dir, "state.db"), "brief"),
				"store_MB":  float64(sizeOf(filepath.Join(dir, "state.db*"))) / 1e6,
				"B/article": float64(sizeOf(filepath.Join(dir, "state.db*"))) / 10000}))
			os.RemoveAll(dir)
		}
		if *withNB {
			dir, args := newsboatDirs(feedURL("bbc-10k.xml"))
			d, u, err := runNewsboat(dir, append(args, "-x", "reload"))
			must(err)
			rows["newsboat"] = append(rows["newsboat"], row{"listed_ms": ms(d), "cpu_ms": ms(u.CPU), "peak_MiB": mib(u.PeakRSS),
				"store_MB": float64(sizeOf(filepath.Join(dir, "cache.db*"))) / 1e6, "B/article": float64(sizeOf(filepath.Join(dir, "cache.db*"))) / 10000})
			os.RemoveAll(dir)
		}
	}
	order = append(briefs(), "newsboat")
	report("ingest of one 26 MB, 10,000-item feed from scratch (newsboat: -x reload, listed = done)", order, rows,
		"listed_ms", "settled_ms", "cpu_ms", "peak_MiB", "bg_ms/s", "idle_ms", "store_MB", "B/article", "briefs")
}

// warm starts on a library of 10,000 cached articles (the ten feeds of
// 1,000, which every build can load) with no network: time until the
// titles show, and CPU and peak RSS until idle.
func warm(srv *server) {
	feeds := parts()
	var dead []string
	for _, f := range feeds {
		dead = append(dead, strings.Replace(f, fmt.Sprintf(":%d/", *port), ":9/", 1))
	}
	// One load per program makes the library each warm start copies.
	tmpl := map[string]string{}
	for _, bin := range briefs() {
		dir := temp()
		r, err := ptyrun.Start(briefArgs(bin, dir, feeds...), ptyrun.Options{})
		must(err)
		_, err = r.WaitFor(allListed, 60*time.Second)
		must(err)
		settle(r, 300*time.Second)
		quit(r)
		tmpl[bin] = dir
		defer os.RemoveAll(dir)
	}
	var nbDir string
	var nbArgs []string
	if *withNB {
		nbDir, nbArgs = newsboatDirs(feeds...)
		defer os.RemoveAll(nbDir)
		_, _, err := runNewsboat(nbDir, append(nbArgs, "-x", "reload"))
		must(err)
		// Then no network: the same feeds on a dead port.
		must(os.WriteFile(filepath.Join(nbDir, "urls"), []byte(strings.Join(dead, "\n")+"\n"), 0o644))
		from, to := fmt.Sprintf(":%d/", *port), ":9/"
		must(exec.Command("sqlite3", filepath.Join(nbDir, "cache.db"),
			"UPDATE rss_feed SET rssurl = replace(rssurl, '"+from+"', '"+to+"'); UPDATE rss_item SET feedurl = replace(feedurl, '"+from+"', '"+to+"');").Run())
	}
	rows := map[string][]row{}
	for range *runs {
		for _, bin := range briefs() {
			dir := temp()
			copyFiles(filepath.Join(tmpl[bin], "state.db*"), dir)
			r, err := ptyrun.Start(briefArgs(bin, dir, dead...), ptyrun.Options{})
			must(err)
			titles, err := r.WaitFor(newestTitle(filepath.Join(tmpl[bin], "state.db")), 60*time.Second)
			must(err)
			all, err := r.WaitFor(allListed, 60*time.Second)
			must(err)
			st := settle(r, 120*time.Second)
			r.Stop()
			rows[bin] = append(rows[bin], st.with(row{"titles_ms": ms(titles), "all_ms": ms(all),
				"store_MB":  float64(sizeOf(filepath.Join(tmpl[bin], "state.db*"))) / 1e6,
				"B/article": float64(sizeOf(filepath.Join(tmpl[bin], "state.db*"))) / 10000}))
			os.RemoveAll(dir)
		}
		if *withNB {
			r, err := ptyrun.Start(nbArgs, ptyrun.Options{Env: []string{"HOME=" + nbDir}})
			must(err)
			titles, err := r.WaitFor("BBC corpus 1000 items", 60*time.Second)
			must(err)
			st := settle(r, 120*time.Second)
			r.Stop()
			os.Remove(filepath.Join(nbDir, "cache.db.lock"))
			rows["newsboat"] = append(rows["newsboat"], st.with(row{"titles_ms": ms(titles),
				"store_MB":  float64(sizeOf(filepath.Join(nbDir, "cache.db*"))) / 1e6,
				"B/article": float64(sizeOf(filepath.Join(nbDir, "cache.db*"))) / 10000}))
		}
	}
	report("warm start, 10,000 cached articles (ten feeds of 1,000), no network", append(briefs(), "newsboat"), rows,
		"titles_ms", "all_ms", "settled_ms", "cpu_ms", "peak_MiB", "bg_ms/s", "idle_ms", "store_MB", "B/article")
}

// newestTitle is the start of the newest cached article's title: it is
// on the first screen of the library.
func newestTitle(db string) string {
	out, err := exec.Command("sqlite3", db, "SELECT title FROM article_head ORDER BY published DESC LIMIT 1").Output()
	must(err)
	t := strings.TrimSpace(string(out))
	return t[:min(len(t), 20)]
}

// restart starts again on ten unchanged feeds of 1,000 items: the time
// until every feed has been answered, and the bytes on the wire.
func restart(srv *server) {
	feeds := parts()
	tmpl := map[string]string{}
	for _, bin := range briefs() {
		dir := temp()
		r, err := ptyrun.Start(briefArgs(bin, dir, feeds...), ptyrun.Options{})
		must(err)
		_, err = r.WaitFor(allListed, 60*time.Second)
		must(err)
		settle(r, 300*time.Second)
		quit(r)
		tmpl[bin] = dir
		defer os.RemoveAll(dir)
	}
	var nbDir string
	var nbArgs []string
	if *withNB {
		nbDir, nbArgs = newsboatDirs(feeds...)
		defer os.RemoveAll(nbDir)
		_, _, err := runNewsboat(nbDir, append(nbArgs, "-x", "reload"))
		must(err)
	}
	rows := map[string][]row{}
	for range *runs {
		for _, bin := range briefs() {
			dir := temp()
			copyFiles(filepath.Join(tmpl[bin], "state.db*"), dir)
			srv.reset()
			r, err := ptyrun.Start(briefArgs(bin, dir, feeds...), ptyrun.Options{})
			must(err)
			deadline := time.Now().Add(30 * time.Second)
			for srv.requests.Load() < int64(len(feeds)) && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			answered := srv.lastResponse().Sub(r.Start)
			st := settle(r, 120*time.Second)
			r.Stop()
			rows[bin] = append(rows[bin], st.with(row{"answered_ms": ms(answered),
				"KB": float64(srv.bytes.Load()) / 1000, "requests": float64(srv.requests.Load())}))
			os.RemoveAll(dir)
		}
		if *withNB {
			srv.reset()
			d, u, err := runNewsboat(nbDir, append(nbArgs, "-x", "reload"))
			must(err)
			rows["newsboat"] = append(rows["newsboat"], row{"answered_ms": ms(d), "cpu_ms": ms(u.CPU),
				"KB": float64(srv.bytes.Load()) / 1000, "requests": float64(srv.requests.Load())})
		}
	}
	report("restart with 10 unchanged feeds of 1,000 items (brief: until the last feed answered; newsboat: -x reload, whole run)",
		append(briefs(), "newsboat"), rows, "answered_ms", "settled_ms", "cpu_ms", "bg_ms/s", "idle_ms", "KB", "requests")
}

// extract runs brief extract over the BBC files on one core and on all,
// interleaved. The output goes to a file, read only after the run: a
// pipe read by this process would take CPU from brief on the same cores
// in the runs on all of them (about 12 ms a run), and none from the runs
// on one.
func extract() {
	dir := filepath.Join(*corpus, "bulk", "bbc-fulltext")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	outFile, err := os.CreateTemp("", "library-bench-extract-*.jsonl")
	must(err)
	defer os.Remove(outFile.Name())
	defer outFile.Close()
	rows := map[string][]row{}
	var order []string
	for range *runs {
		for _, bin := range briefs() {
			for _, procs := range []string{"1", "2"} {
				name := bin + " GOMAXPROCS=" + procs
				if len(rows[name]) == 0 {
					order = append(order, name)
				}
				must(outFile.Truncate(0))
				_, err := outFile.Seek(0, io.SeekStart)
				must(err)
				cmd := exec.Command(bin, "extract", "--format", "json", dir)
				cmd.Env = append(os.Environ(), "GOMAXPROCS="+procs)
				cmd.Stdout = outFile
				start := time.Now()
				err = cmd.Run()
				d := time.Since(start)
				out, rerr := os.ReadFile(outFile.Name())
				must(rerr)
				if err != nil && len(out) == 0 {
					must(fmt.Errorf("%s: %v", name, err))
				}
				var cpu time.Duration
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
				}
				rows[name] = append(rows[name], row{"ms": ms(d), "cpu_ms": ms(cpu), "cores": cpu.Seconds() / d.Seconds(),
					"files/s": float64(len(files)) / d.Seconds(), "lines": float64(strings.Count(string(out), "\n"))})
			}
		}
	}
	report(fmt.Sprintf("brief extract --format json over %d BBC files", len(files)), order, rows, "ms", "cpu_ms", "cores", "files/s", "lines")
	// Each run on two cores against the run on one just before it: the
	// pairs are interleaved, so a change in the machine's load moves both.
	for _, bin := range briefs() {
		one, two := rows[bin+" GOMAXPROCS=1"], rows[bin+" GOMAXPROCS=2"]
		var ratios []float64
		for i := range min(len(one), len(two)) {
			ratios = append(ratios, one[i]["ms"]/two[i]["ms"])
		}
		slices.Sort(ratios)
		fmt.Printf("%-40s  speedup on 2 cores (pairs, median) %.2fx [%.2f-%.2f]\n", bin, ratios[len(ratios)/2], ratios[0], ratios[len(ratios)-1])
	}
}

// count returns the rows of table in a SQLite database, or -1.
func count(db, table string) float64 {
	out, err := exec.Command("sqlite3", db, "SELECT count(*) FROM "+table).Output()
	if err != nil {
		return -1
	}
	var n float64
	fmt.Sscan(string(out), &n)
	return n
}
