// Command cameoverbs trims the CAMEO verb dictionary of the Open Event Data
// Alliance's PETRARCH2 coder (petrarch2/data/dictionaries/CAMEO.2.0.txt, MIT
// licence) to the verb synonym sets ingest uses: one line per verb with its
// CAMEO code and the irregular forms the dictionary lists. Patterns, which
// need PETRARCH's parse trees, are left out.
//
//	go run ./tools/cameoverbs CAMEO.2.0.txt > ingest/cues/cameo-verbs.tsv
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
)

var (
	header = regexp.MustCompile(`^---\s+(\S+)\s+\[([^\]]*)\]`)
	entry  = regexp.MustCompile(`^(\+?[A-Z][A-Z_'-]*)\s*(\[[^\]]*\])?\s*(\{[^}]*\})?`)
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: cameoverbs CAMEO.2.0.txt")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "# Verb synonym sets of the CAMEO verb dictionary (PETRARCH2, CAMEO.2.0.txt), trimmed by tools/cameoverbs.")
	fmt.Fprintln(w, "# Copyright (c) 2015 Open Event Data Alliance, MIT licence: see LICENSE-petrarch2 beside this file.")
	fmt.Fprintln(w, "# block<TAB>code<TAB>verb<TAB>irregular forms (space separated; _ joins the words of a phrase)")
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	block, code, inVerbs := "", "", false
	for sc.Scan() {
		line := sc.Text()
		if m := header.FindStringSubmatch(line); m != nil {
			block, code, inVerbs = m[1], m[2], true
			continue
		}
		if !inVerbs || strings.HasPrefix(line, "-") || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "&") {
			continue
		}
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		m := entry.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		c := code
		if m[2] != "" {
			c = strings.Trim(m[2], "[]")
		}
		forms := strings.Fields(strings.Trim(m[3], "{}"))
		for i := range forms {
			forms[i] = strings.TrimPrefix(forms[i], "+")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", block, c, strings.TrimPrefix(m[1], "+"), strings.Join(forms, " "))
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
