package curate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// Object is a JSON object that keeps its members in the order written, so a
// generated file lists properties in the order the curator (or the public
// data) gave them. Values are string, json.Number, bool, nil, []any or Object.
type Object []Member

// Member is one key and value of an Object.
type Member struct {
	Key   string
	Value any
}

// Get returns the value of key and whether it is present.
func (o Object) Get(key string) (any, bool) {
	for _, m := range o {
		if m.Key == key {
			return m.Value, true
		}
	}
	return nil, false
}

// String returns the value of key when it is a string, else "".
func (o Object) String(key string) string {
	v, _ := o.Get(key)
	s, _ := v.(string)
	return s
}

// Set gives key the value v: in place when key is present, else appended.
func (o *Object) Set(key string, v any) {
	for i := range *o {
		if (*o)[i].Key == key {
			(*o)[i].Value = v
			return
		}
	}
	*o = append(*o, Member{key, v})
}

// UnmarshalJSON reads an object keeping its members' order.
func (o *Object) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return err
	}
	obj, ok := v.(Object)
	if !ok {
		return fmt.Errorf("want a JSON object, got %T", v)
	}
	*o = obj
	return nil
}

// decodeValue reads one JSON value, objects as Object.
func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := Object{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				o = append(o, Member{k.(string), v})
			}
			_, err := dec.Token()
			return o, err
		case '[':
			l := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				l = append(l, v)
			}
			_, err := dec.Token()
			return l, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	}
	return tok, nil
}

// decodeAll reads one JSON value from r, objects as Object.
func decodeAll(r io.Reader) (any, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	return decodeValue(dec)
}

// write writes v as Python's json.dumps(v, ensure_ascii=False, indent=1)
// does, the form crocus.json has always had: one-space indent, ", " never
// inside a line, "[]" and "{}" for empty lists and objects.
func write(w *bytes.Buffer, v any, depth int) error {
	nl := func(d int) {
		w.WriteByte('\n')
		for i := 0; i < d; i++ {
			w.WriteByte(' ')
		}
	}
	switch x := v.(type) {
	case nil:
		w.WriteString("null")
	case bool:
		w.WriteString(strconv.FormatBool(x))
	case string:
		writeString(w, x)
	case json.Number:
		w.WriteString(x.String())
	case int:
		w.WriteString(strconv.Itoa(x))
	case []string:
		l := make([]any, len(x))
		for i, s := range x {
			l[i] = s
		}
		return write(w, l, depth)
	case []any:
		if len(x) == 0 {
			w.WriteString("[]")
			return nil
		}
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteByte(',')
			}
			nl(depth + 1)
			if err := write(w, e, depth+1); err != nil {
				return err
			}
		}
		nl(depth)
		w.WriteByte(']')
	case Object:
		if len(x) == 0 {
			w.WriteString("{}")
			return nil
		}
		w.WriteByte('{')
		for i, m := range x {
			if i > 0 {
				w.WriteByte(',')
			}
			nl(depth + 1)
			writeString(w, m.Key)
			w.WriteString(": ")
			if err := write(w, m.Value, depth+1); err != nil {
				return err
			}
		}
		nl(depth)
		w.WriteByte('}')
	default:
		return fmt.Errorf("cannot write %T", v)
	}
	return nil
}

// writeString quotes s as Python's json module does with ensure_ascii=False:
// only the quote, the backslash and control characters are escaped.
func writeString(w *bytes.Buffer, s string) {
	w.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			w.WriteString(`\"`)
		case '\\':
			w.WriteString(`\\`)
		case '\n':
			w.WriteString(`\n`)
		case '\r':
			w.WriteString(`\r`)
		case '\t':
			w.WriteString(`\t`)
		case '\b':
			w.WriteString(`\b`)
		case '\f':
			w.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(w, `\u%04x`, r)
			} else {
				var b [utf8.UTFMax]byte
				w.Write(b[:utf8.EncodeRune(b[:], r)])
			}
		}
	}
	w.WriteByte('"')
}

// MarshalJSON writes the object with its members in order.
func (o Object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	err := write(&buf, o, 0)
	return buf.Bytes(), err
}
