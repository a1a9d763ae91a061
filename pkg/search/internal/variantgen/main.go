// Command variantgen writes pkg/search/variants.txt, the table of variant
// kanji (itaiji) that search folds to one form, from published data:
//
//   - Unicode's Unihan database (Unicode License v3; Debian's
//     unicode-data package installs it under /usr/share/unicode):
//     kJoyoKanji and kJinmeiyoKanji give the jōyō form of an old or
//     variant jinmeiyō kanji (國→国, 櫻→桜, 嶋→島, 德→徳, 龍→竜),
//     kZVariant the same character in another shape, and
//     kSemanticVariant / kSpecializedSemanticVariant characters of the
//     same meaning where both are used in Japan and either a Japanese
//     dictionary (Morohashi, Nelson) attests the pair or one of them is an
//     IBM/NEC vendor form of a jōyō or jinmeiyō kanji (髙→高); a pair
//     marked :Z (the same character, 﨑→崎) counts like kZVariant;
//   - the old-to-new and JIS level-2-to-level-1 list of
//     @geolonia/normalize-japanese-addresses (MIT), copied to
//     geolonia-jisdai2.txt beside this file (澤→沢, 濱→浜, 邊→辺, 齋→斎);
//   - supplement.txt beside this file: pairs common in names that neither
//     source has, each with the reason.
//
// Characters joined by any of these form one class; every member folds
// to the class's jōyō kanji (else its jinmeiyō kanji, else a character
// with a Japanese source, else the lowest code point). A class that would
// grow past maxClass members is not joined, so that a chain of loose
// semantic variants cannot fold unrelated characters together, and a
// semantic variant never joins two classes that each have a jōyō or
// jinmeiyō kanji (埼 and 崎 are different characters in Japan).
//
// Run with `go generate ./pkg/search`.
package main

import (
	"bufio"
	"compress/bzip2"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

const maxClass = 6

func main() {
	unihan := flag.String("unihan", "/usr/share/unicode", "folder with Unihan_*.txt.bz2 (Debian's unicode-data)")
	here := flag.String("data", "internal/variantgen", "folder with geolonia-jisdai2.txt and supplement.txt")
	out := flag.String("out", "variants.txt", "file to write")
	flag.Parse()

	joyo, jinmei, japanese, ibm := map[rune]bool{}, map[rune]bool{}, map[rune]bool{}, map[rune]bool{}
	type edge struct{ a, b rune }
	var strong, loose []edge // strong: Japanese authorities; loose: semantic variants

	read(filepath.Join(*unihan, "Unihan_OtherMappings.txt.bz2"), func(r rune, field, value string) {
		switch field {
		case "kJoyoKanji", "kJinmeiyoKanji":
			if field == "kJoyoKanji" {
				joyo[r] = true
			} else {
				jinmei[r] = true
			}
			japanese[r] = true
			for _, v := range strings.Fields(value) {
				if i := strings.Index(v, "U+"); i >= 0 {
					strong = append(strong, edge{r, code(v[i:])})
				}
			}
		case "kJis0", "kJis1", "kJIS0213", "kIBMJapan":
			japanese[r] = true
			ibm[r] = ibm[r] || field == "kIBMJapan"
		}
	})
	read(filepath.Join(*unihan, "Unihan_IRGSources.txt.bz2"), func(r rune, field, _ string) {
		if field == "kIRG_JSource" {
			japanese[r] = true
		}
	})
	read(filepath.Join(*unihan, "Unihan_Variants.txt.bz2"), func(r rune, field, value string) {
		switch field {
		case "kZVariant", "kSemanticVariant", "kSpecializedSemanticVariant":
			for _, v := range strings.Fields(value) {
				t, sources, _ := strings.Cut(v, "<")
				e := edge{r, code(t)}
				anchor := func(r rune) bool { return joyo[r] || jinmei[r] }
				switch {
				case field == "kZVariant" || strings.Contains(sources, ":Z"):
					strong = append(strong, e)
				case !japanese[e.a] || !japanese[e.b]:
				case strings.Contains(sources, "kMorohashi") || strings.Contains(sources, "kNelson"),
					ibm[e.a] && anchor(e.b), ibm[e.b] && anchor(e.a):
					loose = append(loose, e)
				}
			}
		}
	})
	for _, name := range []string{"geolonia-jisdai2.txt", "supplement.txt"} {
		pairs(filepath.Join(*here, name), func(a, b rune) { strong = append(strong, edge{a, b}) })
	}

	parent := map[rune]rune{}
	size := map[rune]int{}
	anchored := map[rune]bool{} // the class has a jōyō or jinmeiyō kanji
	var find func(rune) rune
	find = func(r rune) rune {
		p, ok := parent[r]
		if !ok {
			parent[r], size[r], anchored[r] = r, 1, joyo[r] || jinmei[r]
			return r
		}
		if p == r {
			return r
		}
		root := find(p)
		parent[r] = root
		return root
	}
	union := func(e edge, limit bool) {
		a, b := find(fold(e.a)), find(fold(e.b))
		if a == b || (limit && (size[a]+size[b] > maxClass || anchored[a] && anchored[b])) {
			return
		}
		parent[b] = a
		size[a] += size[b]
		anchored[a] = anchored[a] || anchored[b]
	}
	for _, e := range strong {
		union(e, false)
	}
	for _, e := range loose {
		union(e, true)
	}

	classes := map[rune][]rune{}
	for r := range parent {
		root := find(r)
		classes[root] = append(classes[root], r)
	}
	rank := func(r rune) int {
		switch {
		case joyo[r]:
			return 0
		case jinmei[r]:
			return 1
		case japanese[r]:
			return 2
		}
		return 3
	}
	var lines []string
	for _, members := range classes {
		if len(members) < 2 {
			continue
		}
		sort.Slice(members, func(i, j int) bool {
			if ri, rj := rank(members[i]), rank(members[j]); ri != rj {
				return ri < rj
			}
			return members[i] < members[j]
		})
		lines = append(lines, string(members))
	}
	sort.Strings(lines)

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Variant kanji that search folds together: one class a line, the first character is")
	fmt.Fprintln(w, "# the form every other one folds to. Generated by pkg/search/internal/variantgen")
	fmt.Fprintln(w, "# (go generate ./pkg/search); do not edit by hand.")
	fmt.Fprintln(w, "# Sources: Unicode Unihan database 15.0 (kJoyoKanji, kJinmeiyoKanji, kZVariant,")
	fmt.Fprintln(w, "# kSemanticVariant, kSpecializedSemanticVariant; © Unicode, Inc., Unicode License v3,")
	fmt.Fprintln(w, "# https://www.unicode.org/license.txt); @geolonia/normalize-japanese-addresses 3.1.3")
	fmt.Fprintln(w, "# jisDai2.ts (MIT, © 2020 Geolonia Inc.); internal/variantgen/supplement.txt.")
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d classes", len(lines))
}

// fold is the form a character has after NFKC, which search applies
// first: compatibility ideographs with a decomposition are already folded.
func fold(r rune) rune {
	s := []rune(norm.NFKC.String(string(r)))
	if len(s) == 1 {
		return s[0]
	}
	return r
}

func code(s string) rune {
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "U+"), 16, 32)
	if err != nil {
		log.Fatalf("bad code point %q", s)
	}
	return rune(n)
}

func read(path string, fn func(r rune, field, value string)) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var in io.Reader = f
	if strings.HasSuffix(path, ".bz2") {
		in = bzip2.NewReader(f)
	}
	s := bufio.NewScanner(in)
	for s.Scan() {
		l := s.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		parts := strings.SplitN(l, "\t", 3)
		if len(parts) == 3 {
			fn(code(parts[0]), parts[1], parts[2])
		}
	}
	if err := s.Err(); err != nil {
		log.Fatal(err)
	}
}

func pairs(path string, fn func(a, b rune)) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		l := s.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		rs := []rune(strings.Fields(l)[0] + strings.Fields(l)[1])
		if len(rs) != 2 {
			log.Fatalf("%s: want two characters in %q", path, l)
		}
		fn(rs[0], rs[1])
	}
	if err := s.Err(); err != nil {
		log.Fatal(err)
	}
}
