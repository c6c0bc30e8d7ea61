// Package layers holds no code. Its test reads the layer list in
// docs/ARCHITECTURE.md ("Layers") and fails when a package of the module
// imports one on its own line or a higher one, or when a package is on no
// line, so the layering the document states is the layering the code has.
package layers
