package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"syscall"

	"jixiao"
	"jixiao/extract/sniff"
)

// OpenFile opens the file at path (named name in errors) for reading. Only
// regular files are opened: a FIFO or a device, which would block or never
// end, fails with kind unsupported, without waiting for a writer. Errors
// are *jixiao.Error.
func OpenFile(path, name string) (*os.File, os.FileInfo, error) {
	// O_NONBLOCK: opening a FIFO must not wait for a writer. It changes
	// nothing for a regular file.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, &jixiao.Error{Op: "ingest", Path: name, Kind: jixiao.ErrIO, Err: err}
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, &jixiao.Error{Op: "ingest", Path: name, Kind: jixiao.ErrIO, Err: err}
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, &jixiao.Error{Op: "ingest", Path: name, Kind: jixiao.ErrUnsupported,
			Err: fmt.Errorf("not a regular file (%s)", fileType(info.Mode()))}
	}
	return f, info, nil
}

// ReadFile reads the file at path, named name in errors, failing with
// limit exceeded when it holds more than maxSize bytes, and as OpenFile
// does.
func ReadFile(path, name string, maxSize int64) ([]byte, error) {
	f, _, err := OpenFile(path, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, &jixiao.Error{Op: "ingest", Path: name, Kind: jixiao.ErrIO, Err: err}
	}
	if int64(len(data)) > maxSize {
		return nil, tooLarge(name, maxSize)
	}
	return data, nil
}

// tooLarge is the error of a file larger than maxSize.
func tooLarge(name string, maxSize int64) error {
	return &jixiao.Error{Op: "ingest", Path: name, Kind: jixiao.ErrLimitExceeded,
		Err: fmt.Errorf("larger than --max-size %d bytes", maxSize)}
}

// fileType names the type of a file that is not regular.
func fileType(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return m.Type().String()
}

// fileIdentity hashes the file at path and returns its SHA-256, its size
// and its first bytes (enough for sniff.Detect), without keeping the rest
// in memory.
func fileIdentity(path string, maxSize int64) (sha string, size int64, head []byte, err error) {
	f, _, err := OpenFile(path, path)
	if err != nil {
		return "", 0, nil, err
	}
	defer f.Close()
	h := sha256.New()
	hw := &headWriter{max: sniff.HeadSize}
	n, err := io.Copy(io.MultiWriter(h, hw), io.LimitReader(f, maxSize+1))
	if err != nil {
		return "", 0, nil, &jixiao.Error{Op: "ingest", Path: path, Kind: jixiao.ErrIO, Err: err}
	}
	if n > maxSize {
		return "", 0, nil, tooLarge(path, maxSize)
	}
	return hex.EncodeToString(h.Sum(nil)), n, hw.b, nil
}

// headWriter keeps the first max bytes written to it.
type headWriter struct {
	max int
	b   []byte
}

func (w *headWriter) Write(p []byte) (int, error) {
	if room := w.max - len(w.b); room > 0 {
		w.b = append(w.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}
