package reconstruct_test

import (
	"os"
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract/reconstruct"
	"jixiao/extract/table"
	"jixiao/extract/text"
)

// FuzzSelfEval reads arbitrary text exports as self-evaluation forms:
// SelfEval must not panic, and every form must keep its invariants.
func FuzzSelfEval(f *testing.F) {
	for _, p := range []string{"../../fixtures/selfeval/tab.txt", "../../fixtures/selfeval/pipe.txt", "../../fixtures/selfeval/lines.txt"} {
		seed, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(seed[:min(len(seed), 3000)]))
	}
	f.Add(strings.Join(append(append([]string(nil), seHead...), seGridHdr, "产出指标|数量指标|甲|≥5个||10|8|0", "总分|100|96|优"), "\n"))
	f.Add("| 项目支出绩效自评表 |\n| 三级指标 | 实际完成值 | 得分 |\n| 总分 | 优 | 合计 |\n| 项目资金(万元) | 年初预算数 | 执行率 |\n| x | 1e400 | 9999999999999999999999% |\n")
	f.Fuzz(func(t *testing.T, in string) {
		_ = text.Forms(strings.NewReader(in), func(tb table.Table) error {
			fm := reconstruct.SelfEval(tb, reconstruct.Options{LowConfidence: 0.5})
			if fm.FormType != jixiao.FormSelfEvaluation || fm.Indicators == nil || fm.Flags == nil {
				t.Fatalf("form broken: %+v", fm)
			}
			for i, ind := range fm.Indicators {
				if ind.Seq != i+1 || ind.Flags == nil || ind.Name == nil && ind.Value == nil && ind.Actual == nil {
					t.Fatalf("indicator %d broken: %+v", i, ind)
				}
				if ind.ValueParts != nil && len(ind.ValueParts) != 3 {
					t.Fatalf("indicator %d: value parts %q", i, ind.ValueParts)
				}
			}
			return nil
		}, nil)
	})
}
