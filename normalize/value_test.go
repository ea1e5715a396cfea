package normalize_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/quick"

	"jixiao"
	"jixiao/normalize"
)

// targetJSON renders a target the way the export does.
func targetJSON(t jixiao.Target) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(t)
	return strings.TrimSpace(b.String())
}

// fixtureValues is every distinct value printed in the 44 fixture forms
// (year 2023), with its target written by hand.
var fixtureValues = map[string]string{
	"0":              `{"kind":"quantity","op":"=","value":0,"unit":""}`,
	"0%":             `{"kind":"quantity","op":"=","value":0,"unit":"%"}`,
	"0次":             `{"kind":"quantity","op":"=","value":0,"unit":"次"}`,
	"0起":             `{"kind":"quantity","op":"=","value":0,"unit":"起"}`,
	"1-12月":          `{"kind":"window","from":"2023-01-01","to":"2023-12-31"}`,
	"10":             `{"kind":"quantity","op":"=","value":10,"unit":""}`,
	"100%":           `{"kind":"quantity","op":"=","value":100,"unit":"%"}`,
	"100%得到缓解":       `{"kind":"quantity","op":"=","value":100,"unit":"%","detail":"100%得到缓解"}`,
	"100%投入使用":       `{"kind":"quantity","op":"=","value":100,"unit":"%","detail":"100%投入使用"}`,
	"100%达标":         `{"kind":"quantity","op":"=","value":100,"unit":"%","label":"达标","detail":"100%达标"}`,
	"103人":           `{"kind":"quantity","op":"=","value":103,"unit":"人"}`,
	"111人":           `{"kind":"quantity","op":"=","value":111,"unit":"人"}`,
	"111套":           `{"kind":"quantity","op":"=","value":111,"unit":"套"}`,
	"11人":            `{"kind":"quantity","op":"=","value":11,"unit":"人"}`,
	"11月底":           `{"kind":"deadline","by":"2023-11-30"}`,
	"1200平方米":        `{"kind":"quantity","op":"=","value":1200,"unit":"平方米"}`,
	"125":            `{"kind":"quantity","op":"=","value":125,"unit":""}`,
	"1250":           `{"kind":"quantity","op":"=","value":1250,"unit":""}`,
	"1250人次":         `{"kind":"quantity","op":"=","value":1250,"unit":"人次"}`,
	"125人次":          `{"kind":"quantity","op":"=","value":125,"unit":"人次"}`,
	"12人":            `{"kind":"quantity","op":"=","value":12,"unit":"人"}`,
	"160人":           `{"kind":"quantity","op":"=","value":160,"unit":"人"}`,
	"1个":             `{"kind":"quantity","op":"=","value":1,"unit":"个"}`,
	"1套":             `{"kind":"quantity","op":"=","value":1,"unit":"套"}`,
	"1年":             `{"kind":"duration","op":"=","value":1,"unit":"year"}`,
	"1次":             `{"kind":"quantity","op":"=","value":1,"unit":"次"}`,
	"1瓶/次":           `{"kind":"quantity","op":"=","value":1,"unit":"瓶/次"}`,
	"2023年12月前":      `{"kind":"deadline","by":"2023-12-31"}`,
	"2023年12月底":      `{"kind":"deadline","by":"2023-12-31"}`,
	"2023年12月底前":     `{"kind":"deadline","by":"2023-12-31"}`,
	"212台":           `{"kind":"quantity","op":"=","value":212,"unit":"台"}`,
	"219份":           `{"kind":"quantity","op":"=","value":219,"unit":"份"}`,
	"235份":           `{"kind":"quantity","op":"=","value":235,"unit":"份"}`,
	"2个":             `{"kind":"quantity","op":"=","value":2,"unit":"个"}`,
	"2家":             `{"kind":"quantity","op":"=","value":2,"unit":"家"}`,
	"3":              `{"kind":"quantity","op":"=","value":3,"unit":""}`,
	"3%":             `{"kind":"quantity","op":"=","value":3,"unit":"%"}`,
	"3-4月":           `{"kind":"window","from":"2023-03-01","to":"2023-04-30"}`,
	"350份":           `{"kind":"quantity","op":"=","value":350,"unit":"份"}`,
	"356份":           `{"kind":"quantity","op":"=","value":356,"unit":"份"}`,
	"3项":             `{"kind":"quantity","op":"=","value":3,"unit":"项"}`,
	"4-5月":           `{"kind":"window","from":"2023-04-01","to":"2023-05-31"}`,
	"40份":            `{"kind":"quantity","op":"=","value":40,"unit":"份"}`,
	"40辆":            `{"kind":"quantity","op":"=","value":40,"unit":"辆"}`,
	"415份":           `{"kind":"quantity","op":"=","value":415,"unit":"份"}`,
	"441台":           `{"kind":"quantity","op":"=","value":441,"unit":"台"}`,
	"484台":           `{"kind":"quantity","op":"=","value":484,"unit":"台"}`,
	"4个":             `{"kind":"quantity","op":"=","value":4,"unit":"个"}`,
	"4次":             `{"kind":"quantity","op":"=","value":4,"unit":"次"}`,
	"4项":             `{"kind":"quantity","op":"=","value":4,"unit":"项"}`,
	"500个车位":         `{"kind":"quantity","op":"=","value":500,"unit":"个车位"}`,
	"5个":             `{"kind":"quantity","op":"=","value":5,"unit":"个"}`,
	"6月前":            `{"kind":"deadline","by":"2023-06-30"}`,
	"78.85平方公里":      `{"kind":"quantity","op":"=","value":78.85,"unit":"平方公里"}`,
	"7个软件":           `{"kind":"quantity","op":"=","value":7,"unit":"个软件"}`,
	"7月1日":           `{"kind":"deadline","by":"2023-07-01"}`,
	"80人":            `{"kind":"quantity","op":"=","value":80,"unit":"人"}`,
	"85个":            `{"kind":"quantity","op":"=","value":85,"unit":"个"}`,
	"8台":             `{"kind":"quantity","op":"=","value":8,"unit":"台"}`,
	"8项":             `{"kind":"quantity","op":"=","value":8,"unit":"项"}`,
	"9-10月":          `{"kind":"window","from":"2023-09-01","to":"2023-10-31"}`,
	"9-10月前完成":       `{"kind":"deadline","by":"2023-10-31"}`,
	"90人":            `{"kind":"quantity","op":"=","value":90,"unit":"人"}`,
	"90台":            `{"kind":"quantity","op":"=","value":90,"unit":"台"}`,
	">0%":            `{"kind":"quantity","op":">","value":0,"unit":"%"}`,
	">5%":            `{"kind":"quantity","op":">","value":5,"unit":"%"}`,
	">90%":           `{"kind":"quantity","op":">","value":90,"unit":"%"}`,
	"≥0%":            `{"kind":"quantity","op":">=","value":0,"unit":"%"}`,
	"≥10(件)":         `{"kind":"quantity","op":">=","value":10,"unit":"件"}`,
	"≥100份":          `{"kind":"quantity","op":">=","value":100,"unit":"份"}`,
	"≥100起":          `{"kind":"quantity","op":">=","value":100,"unit":"起"}`,
	"≥10个":           `{"kind":"quantity","op":">=","value":10,"unit":"个"}`,
	"≥1个":            `{"kind":"quantity","op":">=","value":1,"unit":"个"}`,
	"≥20%":           `{"kind":"quantity","op":">=","value":20,"unit":"%"}`,
	"≥200":           `{"kind":"quantity","op":">=","value":200,"unit":""}`,
	"≥40(辆)":         `{"kind":"quantity","op":">=","value":40,"unit":"辆"}`,
	"≥40小时":          `{"kind":"duration","op":">=","value":40,"unit":"hour"}`,
	"≥40辆":           `{"kind":"quantity","op":">=","value":40,"unit":"辆"}`,
	"≥4个":            `{"kind":"quantity","op":">=","value":4,"unit":"个"}`,
	"≥5":             `{"kind":"quantity","op":">=","value":5,"unit":""}`,
	"≥5套":            `{"kind":"quantity","op":">=","value":5,"unit":"套"}`,
	"≥6000份":         `{"kind":"quantity","op":">=","value":6000,"unit":"份"}`,
	"≥85%":           `{"kind":"quantity","op":">=","value":85,"unit":"%"}`,
	"≥8个":            `{"kind":"quantity","op":">=","value":8,"unit":"个"}`,
	"≥90%":           `{"kind":"quantity","op":">=","value":90,"unit":"%"}`,
	"≥90分":           `{"kind":"quantity","op":">=","value":90,"unit":"分"}`,
	"≥98%":           `{"kind":"quantity","op":">=","value":98,"unit":"%"}`,
	"≥99%":           `{"kind":"quantity","op":">=","value":99,"unit":"%"}`,
	"一台":             `{"kind":"quantity","op":"=","value":1,"unit":"台"}`,
	"一套":             `{"kind":"quantity","op":"=","value":1,"unit":"套"}`,
	"一月内":            `{"kind":"duration","op":"<=","value":1,"unit":"month"}`,
	"一次性通过验收":        `{"kind":"qualitative","label":"合格","detail":"一次性通过验收"}`,
	"上岗资质达标":         `{"kind":"qualitative","label":"达标","detail":"上岗资质达标"}`,
	"两天一次":           `{"kind":"frequency","times":1,"every":2,"per":"day"}`,
	"促进":             `{"kind":"trend","direction":"increase"}`,
	"保障":             `{"kind":"qualitative","label":"保障"}`,
	"健全":             `{"kind":"qualitative","label":"健全"}`,
	"全天24小时":         `{"kind":"duration","op":"=","value":24,"unit":"hour","detail":"全天24小时"}`,
	"全局覆盖":           `{"kind":"qualitative","label":"覆盖","detail":"全局覆盖"}`,
	"全年":             `{"kind":"window","from":"2023-01-01","to":"2023-12-31"}`,
	"全年正常服务":         `{"kind":"qualitative","label":"正常","detail":"全年正常服务"}`,
	"全年正常运行":         `{"kind":"qualitative","label":"正常","detail":"全年正常运行"}`,
	"全部运维数据":         `{"kind":"qualitative","label":"全部","detail":"全部运维数据"}`,
	"减少":             `{"kind":"trend","direction":"decrease"}`,
	"分局网站及应用系统":      `{"kind":"text"}`,
	"加强":             `{"kind":"trend","direction":"increase"}`,
	"即时同步存储":         `{"kind":"qualitative","label":"及时","detail":"即时同步存储"}`,
	"及时":             `{"kind":"qualitative","label":"及时"}`,
	"及时(11月底前)":      `{"kind":"deadline","by":"2023-11-30","label":"及时"}`,
	"及时(1小时以内)":      `{"kind":"duration","op":"<=","value":1,"unit":"hour","label":"及时"}`,
	"及时(24小时以内)":     `{"kind":"duration","op":"<=","value":24,"unit":"hour","label":"及时"}`,
	"及时(2小时内)":       `{"kind":"duration","op":"<=","value":2,"unit":"hour","label":"及时"}`,
	"及时(每月1次)":       `{"kind":"frequency","times":1,"every":1,"per":"month","label":"及时"}`,
	"及时发现、处理":        `{"kind":"qualitative","label":"及时","detail":"及时发现、处理"}`,
	"及时（全年）":         `{"kind":"window","from":"2023-01-01","to":"2023-12-31","label":"及时"}`,
	"及时（飞行后24小时内保养）": `{"kind":"duration","op":"<=","value":24,"unit":"hour","label":"及时","detail":"飞行后24小时内保养"}`,
	"合市场合理水平":        `{"kind":"qualitative","label":"合理","detail":"合市场合理水平"}`,
	"合格":             `{"kind":"qualitative","label":"合格"}`,
	"合格(一次验收通过)":     `{"kind":"qualitative","label":"合格","detail":"一次验收通过"}`,
	"合格（一次验收合格）":     `{"kind":"qualitative","label":"合格","detail":"一次验收合格"}`,
	"合规":             `{"kind":"qualitative","label":"合规"}`,
	"同比下降":           `{"kind":"trend","direction":"decrease","basis":"yoy"}`,
	"同比提升":           `{"kind":"trend","direction":"increase","basis":"yoy"}`,
	"同比提高":           `{"kind":"trend","direction":"increase","basis":"yoy"}`,
	"同比降低":           `{"kind":"trend","direction":"decrease","basis":"yoy"}`,
	"安全":             `{"kind":"qualitative","label":"安全"}`,
	"完成5起":           `{"kind":"quantity","op":"=","value":5,"unit":"起","label":"完成","detail":"完成5起"}`,
	"实现(平均停放6个月内)":   `{"kind":"duration","op":"<=","value":6,"unit":"month","label":"实现","detail":"平均停放6个月内"}`,
	"年均流动≤80人次":      `{"kind":"quantity","op":"<=","value":80,"unit":"人次","detail":"年均流动≤80人次"}`,
	"应用":             `{"kind":"qualitative","label":"应用"}`,
	"当天":             `{"kind":"duration","op":"<=","value":1,"unit":"day"}`,
	"当天响应":           `{"kind":"duration","op":"<=","value":1,"unit":"day","detail":"当天响应"}`,
	"当天响应维护":         `{"kind":"duration","op":"<=","value":1,"unit":"day","detail":"当天响应维护"}`,
	"执法记录仪视音频管理系统、酒精测试仪管理系统": `{"kind":"text"}`,
	"执行有效":          `{"kind":"qualitative","label":"执行有效"}`,
	"提前1天":          `{"kind":"duration","op":"=","value":1,"unit":"day","detail":"提前1天"}`,
	"提升":            `{"kind":"trend","direction":"increase"}`,
	"提高":            `{"kind":"trend","direction":"increase"}`,
	"改善":            `{"kind":"trend","direction":"increase"}`,
	"无污染":           `{"kind":"qualitative","label":"无","detail":"无污染"}`,
	"无系统漏洞产生":       `{"kind":"qualitative","label":"无","detail":"无系统漏洞产生"}`,
	"有效":            `{"kind":"qualitative","label":"有效"}`,
	"有效保障":          `{"kind":"qualitative","label":"保障","detail":"有效保障"}`,
	"有效应用":          `{"kind":"qualitative","label":"应用","detail":"有效应用"}`,
	"本部及派出所":        `{"kind":"text"}`,
	"正常":            `{"kind":"qualitative","label":"正常"}`,
	"正常、稳定":         `{"kind":"qualitative","label":"正常","detail":"正常、稳定"}`,
	"每月":            `{"kind":"frequency","times":1,"every":1,"per":"month"}`,
	"派出所及业务支队":      `{"kind":"text"}`,
	"满足":            `{"kind":"qualitative","label":"满足"}`,
	"满足全年500份检材的需求": `{"kind":"quantity","op":"=","value":500,"unit":"份","label":"满足","detail":"满足全年500份检材的需求"}`,
	"满足年均检验检材6000份以上需求": `{"kind":"quantity","op":">=","value":6000,"unit":"份","label":"满足","detail":"满足年均检验检材6000份以上需求"}`,
	"稳定":       `{"kind":"qualitative","label":"稳定"}`,
	"稳定运行":     `{"kind":"qualitative","label":"稳定","detail":"稳定运行"}`,
	"符合":       `{"kind":"qualitative","label":"符合"}`,
	"约1360件":   `{"kind":"quantity","op":"~","value":1360,"unit":"件"}`,
	"结合每日工作安排": `{"kind":"text"}`,
	"维持，同比提升":  `{"kind":"trend","direction":"increase","basis":"yoy"}`,
	"缓解":       `{"kind":"trend","direction":"decrease"}`,
	"网络传输正常":   `{"kind":"qualitative","label":"正常","detail":"网络传输正常"}`,
	"良好":       `{"kind":"qualitative","label":"良好"}`,
	"覆盖全区":     `{"kind":"qualitative","label":"覆盖","detail":"覆盖全区"}`,
	"规范":       `{"kind":"qualitative","label":"规范"}`,
	"较上年度有所提升": `{"kind":"trend","direction":"increase","basis":"yoy"}`,
	"较上年提升":    `{"kind":"trend","direction":"increase","basis":"yoy"}`,
	"较去年提升":    `{"kind":"trend","direction":"increase","basis":"yoy"}`,
	"达到报废规定":   `{"kind":"qualitative","label":"达标","detail":"达到报废规定"}`,
	"达标":       `{"kind":"qualitative","label":"达标"}`,
	"适应":       `{"kind":"qualitative","label":"适应"}`,
	"闭环严谨":     `{"kind":"qualitative","label":"闭环","detail":"闭环严谨"}`,
	"降低":       `{"kind":"trend","direction":"decrease"}`,
}

// TestFixtureValues checks every distinct fixture value against its
// hand-written target, and that the table covers them all.
func TestFixtureValues(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range pipeline(t, fixture) {
		for _, ind := range f.Indicators {
			if ind.Value != nil {
				seen[*ind.Value] = true
			}
		}
	}
	var typed int
	for v := range seen {
		want, ok := fixtureValues[v]
		if !ok {
			t.Errorf("fixture value %q has no hand-written target", v)
			continue
		}
		got := normalize.Value(v, 2023)
		if g := targetJSON(got); g != want {
			t.Errorf("Value(%q)\n got %s\nwant %s", v, g, want)
		}
		if got.Kind != jixiao.TargetText {
			typed++
		}
	}
	for v := range fixtureValues {
		if !seen[v] {
			t.Errorf("table value %q is not in the fixtures", v)
		}
	}
	coverage := float64(typed) / float64(len(seen))
	t.Logf("typed %d of %d distinct fixture values (%.1f%%)", typed, len(seen), 100*coverage)
	if coverage < 0.97 {
		t.Errorf("coverage %.1f%% is below 97%%", 100*coverage)
	}
}

// TestIssueExamples holds the examples the typed target was specified with
// (form year 2023), and the grammar it must cover.
func TestValueGrammar(t *testing.T) {
	tests := []struct{ in, want string }{
		// the specification's examples
		{"≥90%", `{"kind":"quantity","op":">=","value":90,"unit":"%"}`},
		{"356份", `{"kind":"quantity","op":"=","value":356,"unit":"份"}`},
		{"1000万页", `{"kind":"quantity","op":"=","value":10000000,"unit":"页"}`},
		{"约1360件", `{"kind":"quantity","op":"~","value":1360,"unit":"件"}`},
		{"≥40(辆)", `{"kind":"quantity","op":">=","value":40,"unit":"辆"}`},
		{"0起", `{"kind":"quantity","op":"=","value":0,"unit":"起"}`},
		{"满足年均检验检材6000份以上需求", `{"kind":"quantity","op":">=","value":6000,"unit":"份","label":"满足","detail":"满足年均检验检材6000份以上需求"}`},
		{"一台", `{"kind":"quantity","op":"=","value":1,"unit":"台"}`},
		{"80-100人", `{"kind":"range","min":80,"max":100,"unit":"人"}`},
		{"合格", `{"kind":"qualitative","label":"合格"}`},
		{"合格（一次验收合格）", `{"kind":"qualitative","label":"合格","detail":"一次验收合格"}`},
		{"一次性通过验收", `{"kind":"qualitative","label":"合格","detail":"一次性通过验收"}`},
		{"稳定运行", `{"kind":"qualitative","label":"稳定","detail":"稳定运行"}`},
		// a word denied is not the word: 未完成 is no 完成
		{"未完成", `{"kind":"text"}`},
		{"不合格", `{"kind":"text"}`},
		{"没有实现", `{"kind":"text"}`},
		{"按时完成", `{"kind":"qualitative","label":"完成","detail":"按时完成"}`},
		{"提升", `{"kind":"trend","direction":"increase"}`},
		{"同比下降", `{"kind":"trend","direction":"decrease","basis":"yoy"}`},
		{"较上年度有所提升", `{"kind":"trend","direction":"increase","basis":"yoy"}`},
		{"12月底", `{"kind":"deadline","by":"2023-12-31"}`},
		{"2023年12月底前", `{"kind":"deadline","by":"2023-12-31"}`},
		{"4月底前", `{"kind":"deadline","by":"2023-04-30"}`},
		{"7月1日", `{"kind":"deadline","by":"2023-07-01"}`},
		{"9-10月", `{"kind":"window","from":"2023-09-01","to":"2023-10-31"}`},
		{"1-12月", `{"kind":"window","from":"2023-01-01","to":"2023-12-31"}`},
		{"24小时内完成", `{"kind":"duration","op":"<=","value":24,"unit":"hour"}`},
		{"一月内", `{"kind":"duration","op":"<=","value":1,"unit":"month"}`},
		{"每月", `{"kind":"frequency","times":1,"every":1,"per":"month"}`},
		{"按月", `{"kind":"frequency","times":1,"every":1,"per":"month"}`},
		{"每月1次", `{"kind":"frequency","times":1,"every":1,"per":"month"}`},
		{"两天一次", `{"kind":"frequency","times":1,"every":2,"per":"day"}`},
		{"及时(24小时以内)", `{"kind":"duration","op":"<=","value":24,"unit":"hour","label":"及时"}`},
		{"及时(每月1次)", `{"kind":"frequency","times":1,"every":1,"per":"month","label":"及时"}`},
		// full-width digits and symbols, ASCII comparators
		{"≧９５％", `{"kind":"quantity","op":">=","value":95,"unit":"%"}`},
		{"＞８０％", `{"kind":"quantity","op":">","value":80,"unit":"%"}`},
		{">=90%", `{"kind":"quantity","op":">=","value":90,"unit":"%"}`},
		{"<=5%", `{"kind":"quantity","op":"<=","value":5,"unit":"%"}`},
		{"≦3次", `{"kind":"quantity","op":"<=","value":3,"unit":"次"}`},
		{"═100%", `{"kind":"quantity","op":"=","value":100,"unit":"%"}`},
		// Chinese numerals and magnitudes
		{"两套", `{"kind":"quantity","op":"=","value":2,"unit":"套"}`},
		{"十二个", `{"kind":"quantity","op":"=","value":12,"unit":"个"}`},
		{"三千人", `{"kind":"quantity","op":"=","value":3000,"unit":"人"}`},
		{"1.5万人次", `{"kind":"quantity","op":"=","value":15000,"unit":"人次"}`},
		{"2亿元", `{"kind":"quantity","op":"=","value":200000000,"unit":"元"}`},
		{"50万元", `{"kind":"quantity","op":"=","value":500000,"unit":"元"}`},
		// word comparators
		{"不低于95%", `{"kind":"quantity","op":">=","value":95,"unit":"%"}`},
		{"不少于3次", `{"kind":"quantity","op":">=","value":3,"unit":"次"}`},
		{"90%以上", `{"kind":"quantity","op":">=","value":90,"unit":"%"}`},
		{"不超过5%", `{"kind":"quantity","op":"<=","value":5,"unit":"%"}`},
		{"5%以内", `{"kind":"quantity","op":"<=","value":5,"unit":"%"}`},
		{"3%以下", `{"kind":"quantity","op":"<=","value":3,"unit":"%"}`},
		{"大于0", `{"kind":"quantity","op":">","value":0,"unit":""}`},
		{"小于1%", `{"kind":"quantity","op":"<","value":1,"unit":"%"}`},
		{"超过100人", `{"kind":"quantity","op":">","value":100,"unit":"人"}`},
		{"低于2%", `{"kind":"quantity","op":"<","value":2,"unit":"%"}`},
		{"约50人", `{"kind":"quantity","op":"~","value":50,"unit":"人"}`},
		{"100人左右", `{"kind":"quantity","op":"~","value":100,"unit":"人"}`},
		{"不超过5个工作日", `{"kind":"duration","op":"<=","value":5,"unit":"day"}`},
		// decimals, thousands, bracketed and compound units
		{"1,250.5平方米", `{"kind":"quantity","op":"=","value":1250.5,"unit":"平方米"}`},
		{"≥1,000(份)", `{"kind":"quantity","op":">=","value":1000,"unit":"份"}`},
		{"2瓶/次", `{"kind":"quantity","op":"=","value":2,"unit":"瓶/次"}`},
		{"200元/人·月", `{"kind":"quantity","op":"=","value":200,"unit":"元/人·月"}`},
		{"≥100百分比", `{"kind":"quantity","op":">=","value":100,"unit":"百分比"}`},
		{"78.85平方公里", `{"kind":"quantity","op":"=","value":78.85,"unit":"平方公里"}`},
		{"100余人", `{"kind":"quantity","op":">","value":100,"unit":"人"}`},
		// dates and frequencies in other spellings
		{"2023.07-2024.01", `{"kind":"window","from":"2023-07-01","to":"2024-01-31"}`},
		{"202001-202012", `{"kind":"window","from":"2020-01-01","to":"2020-12-31"}`},
		{"年底前", `{"kind":"deadline","by":"2023-12-31"}`},
		{"每季度", `{"kind":"frequency","times":1,"every":3,"per":"month"}`},
		{"每周2次", `{"kind":"frequency","times":2,"every":1,"per":"week"}`},
		{"一年两次", `{"kind":"frequency","times":2,"every":1,"per":"year"}`},
		{"≤7工作日", `{"kind":"duration","op":"<=","value":7,"unit":"day"}`},
		{"30分钟内", `{"kind":"duration","op":"<=","value":0.5,"unit":"hour"}`},
		// what is not understood stays text
		{"", `{"kind":"text"}`},
		{"详见附件", `{"kind":"text"}`},
		{"2023-02-30前", `{"kind":"text"}`},
	}
	for _, tt := range tests {
		if got := targetJSON(normalize.Value(tt.in, 2023)); got != tt.want {
			t.Errorf("Value(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// Dates printed without a year need the form's year.
func TestValueWithoutYear(t *testing.T) {
	for _, v := range []string{"12月底", "9-10月", "全年"} {
		if got := normalize.Value(v, 0); got.Kind != jixiao.TargetText {
			t.Errorf("Value(%q, 0) = %s, want text", v, targetJSON(got))
		}
	}
	if got := normalize.Value("2024年3月底", 0); got.By != "2024-03-31" {
		t.Errorf("a printed year needs no form year: %s", targetJSON(got))
	}
}

// Property: ≥N单位 is a quantity >= N 单位, for any N and any listed unit
// that is not a time unit.
func TestQuantityProperty(t *testing.T) {
	units := []string{"%", "份", "个", "件", "台", "套", "辆", "人", "人次", "平方米", "瓶/次", "项", "起", "家", "页"}
	prop := func(n uint32, cents uint8, ui uint8) bool {
		v := float64(n%1000000) + float64(cents%100)/100
		unit := units[int(ui)%len(units)]
		s := fmt.Sprintf("≥%s%s", strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), "."), unit)
		got := normalize.Value(s, 2023)
		ok := got.Kind == jixiao.TargetQuantity && got.Op == ">=" && got.Value != nil && *got.Value == v &&
			got.Unit != nil && *got.Unit == unit
		if !ok {
			t.Logf("Value(%q) = %s", s, targetJSON(got))
		}
		return ok
	}
	if err := quick.Check(prop, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}

func TestNameNorm(t *testing.T) {
	for in, want := range map[string]string{
		"完成VPDN专网部署工作":       "完成vpdn专网部署工作",
		"设备/系统维护验收合格率":       "设备/系统维护验收合格率",
		"功能完善，业务流程闭环，用户使用便捷": "功能完善,业务流程闭环,用户使用便捷",
		"正常、稳定":              "正常,稳定",
		"Ｗｉｆｉ 覆盖（全区）":        "wifi覆盖(全区)",
	} {
		if got := normalize.NameNorm(in); got != want {
			t.Errorf("NameNorm(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzValue runs the value parser on anything: it must not panic, and what
// it returns must keep its contract.
func FuzzValue(f *testing.F) {
	var seeds []string
	for v := range fixtureValues {
		seeds = append(seeds, v)
	}
	sort.Strings(seeds)
	for _, v := range append(seeds, "≧９５％", "1.5万人次", "2023.07-2024.01", "每季度", "及时（飞行后24小时内保养）") {
		f.Add(v, 2023)
	}
	f.Fuzz(func(t *testing.T, s string, year int) {
		got := normalize.Value(s, year%3000)
		switch got.Kind {
		case jixiao.TargetQuantity, jixiao.TargetDuration:
			if got.Value == nil || got.Unit == nil || got.Op == "" {
				t.Fatalf("Value(%q) = %s: incomplete", s, targetJSON(got))
			}
		case jixiao.TargetRange:
			if got.Min == nil || got.Max == nil || *got.Min > *got.Max {
				t.Fatalf("Value(%q) = %s: bad range", s, targetJSON(got))
			}
		case jixiao.TargetDeadline:
			if _, ok := normalize.Date(got.By); !ok {
				t.Fatalf("Value(%q) = %s: bad date", s, targetJSON(got))
			}
		case jixiao.TargetWindow:
			if got.From > got.To {
				t.Fatalf("Value(%q) = %s: window ends before it starts", s, targetJSON(got))
			}
		case jixiao.TargetFrequency:
			if got.Times < 1 || got.Every < 1 || got.Per == "" {
				t.Fatalf("Value(%q) = %s: bad frequency", s, targetJSON(got))
			}
		}
		if _, err := json.Marshal(got); err != nil {
			t.Fatalf("Value(%q): %v", s, err)
		}
	})
}
