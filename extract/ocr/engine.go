package ocr

import (
	"errors"
	"fmt"

	"jixiao/extract/ocr/paddle"
)

// Engine names the recogniser a Reader reads lines with.
type Engine string

// The engines. EngineAuto is PP-OCR where its runtime and models are
// installed, Tesseract otherwise.
const (
	EngineAuto      Engine = "auto"
	EnginePaddle    Engine = "paddle"
	EngineTesseract Engine = "tesseract"
)

// ParseEngine returns the engine named s ("" is EngineAuto).
func ParseEngine(s string) (Engine, error) {
	switch e := Engine(s); e {
	case "":
		return EngineAuto, nil
	case EngineAuto, EnginePaddle, EngineTesseract:
		return e, nil
	}
	return "", fmt.Errorf("unknown OCR engine %q (want auto, paddle or tesseract)", s)
}

// Resolve decides the engine o asks for. For EngineAuto it returns
// EnginePaddle when PP-OCR's runtime and models are found (Options.Models)
// and the runtime loads, and otherwise EngineTesseract with the reason PP-OCR
// cannot be used as why (not a failure). For EnginePaddle that reason is an
// error. The models found are returned for EnginePaddle. Safe for
// concurrent use.
func Resolve(o Options) (e Engine, m paddle.Models, why error) {
	e, err := ParseEngine(string(o.Engine))
	if err != nil {
		return "", m, err
	}
	if e == EngineTesseract {
		return e, m, nil
	}
	m, err = paddle.Locate(o.Models)
	if err == nil {
		err = paddle.Init(m.Lib)
	}
	switch {
	case err == nil:
		return EnginePaddle, m, nil
	case e == EngineAuto:
		return EngineTesseract, m, err
	}
	return "", m, err
}

// Unavailable says in one line why Resolve could not use PP-OCR (its
// reason why) and how to install it.
func Unavailable(why error) string {
	var miss *paddle.MissingError
	if errors.As(why, &miss) {
		return fmt.Sprintf("PP-OCR's models and runtime are not in %s (`make deps` installs them; --ocr-models DIR and JIXIAO_ORT_LIB name others)", miss.Dir)
	}
	return fmt.Sprintf("PP-OCR's runtime does not load (%v; JIXIAO_ORT_LIB names another libonnxruntime.so.1)", why)
}
