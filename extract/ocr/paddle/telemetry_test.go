package paddle_test

import (
	"context"
	"image"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/extract/ocr/ocrtest"
	"jixiao/extract/ocr/paddle"
)

// A process that reads with PP-OCR leaves nothing of ONNX Runtime's
// telemetry behind: no device identifier or event queue in the home
// directory, no debug log in the temporary directory. The reading runs in
// a fresh process (the runtime starts once per process), with a home and a
// temporary directory of its own.
func TestNoTelemetry(t *testing.T) {
	m := ocrtest.RequirePaddle(t)
	if os.Getenv("JIXIAO_TELEMETRY_CHILD") == "1" {
		r, err := paddle.NewRecognizer(m)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if _, err := r.Read(context.Background(), []*image.Gray{image.NewGray(image.Rect(0, 0, 200, 48))}); err != nil {
			t.Fatal(err)
		}
		return
	}
	home, tmp := t.TempDir(), t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoTelemetry$", "-test.count=1")
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "HOME", "TMPDIR", "XDG_CACHE_HOME", "ORT_DISABLE_TELEMETRY":
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "JIXIAO_TELEMETRY_CHILD=1", "HOME="+home, "TMPDIR="+tmp, "JIXIAO_OCR_MODELS="+filepath.Dir(m.Rec), "JIXIAO_ORT_LIB="+m.Lib)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("reading in a fresh process: %v\n%s", err, out)
	}
	for _, dir := range []string{home, tmp} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && path != dir {
				t.Errorf("ONNX Runtime left %s", path)
			}
			return nil
		})
	}
}
