package graph

import (
	"net/url"
	"strings"
)

// URLReason is what every refusal of a stored link says.
const URLReason = "only http and https URLs are accepted"

// CheckURL says why s may not be stored as a link ("" when it may): it must
// be an absolute http:// or https:// URL with a host. Anything else
// (javascript:, data:, file:, a relative path) would be followed by whoever
// opens it in the explorer or in another tool the graph is exported to.
func CheckURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return URLReason + "; this is not a URL (" + err.Error() + ")"
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return URLReason + "; this one has no scheme: write it as https://..."
	default:
		return URLReason + "; this one is a " + strings.ToLower(u.Scheme) + ": URL"
	}
	if u.Host == "" {
		return URLReason + "; this one has no host: write it as https://host/..."
	}
	return ""
}

// IsURLField reports whether a property of this name holds links, which
// CheckURL must accept: url, urls, href, and names ending in Url, URL, Urls
// or URLs (sourceUrl, homepageURL). ("link" is not one: the Crocus set uses
// it for how two entities are linked, in words.)
func IsURLField(name string) bool {
	l := strings.ToLower(name)
	switch l {
	case "url", "urls", "href":
		return true
	}
	return strings.HasSuffix(l, "url") && len(l) > 3 && isUpperU(name[len(name)-3]) ||
		strings.HasSuffix(l, "urls") && len(l) > 4 && isUpperU(name[len(name)-4])
}

func isUpperU(b byte) bool { return b == 'U' }

// checkURLValue checks a link property: a string or a list of strings.
func checkURLValue(field string, v any) []Problem {
	var vals []string
	switch x := v.(type) {
	case string:
		vals = []string{x}
	case []string:
		vals = x
	case []any:
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return []Problem{{Field: field, Reason: "a link property holds URLs as strings; " + URLReason}}
			}
			vals = append(vals, s)
		}
	default:
		return []Problem{{Field: field, Reason: "a link property holds URLs as strings; " + URLReason}}
	}
	for _, s := range vals {
		if why := CheckURL(s); why != "" {
			return []Problem{{Field: field, Value: s, Reason: why}}
		}
	}
	return nil
}
