package extract

import (
	"strings"
	"testing"

	"planwatch/internal/ingest"
)

// TestNoticeItems reads a notice whose body is a numbered list of
// measures, each a paragraph with its units at the end, and whose title
// stands above its document number.
func TestNoticeItems(t *testing.T) {
	items := []string{
		"一、对落实有关重大政策措施真抓实干、取得明显成效的省（区、市），在分配年度中央预算内投资时予以倾斜支持。（国家发展改革委负责）",
		"二、对稳就业工作成效明显的地方，在安排就业补助资金时给予适当倾斜。（财政部、人力资源社会保障部负责）",
		"三、对推进农业农村现代化成效明显的县（市、区），在安排相关资金时予以倾斜。（农业农村部、财政部按职责分工负责）",
		"四、对深化“放管服”改革成效明显的地方，优先选择其承担相关改革试点。（国务院办公厅负责）",
	}
	doc := "国务院办公厅关于对真抓实干成效明显地方加大激励支持力度的通知\n\n国办发〔2021〕49号\n\n" +
		"各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n为进一步调动各方面积极性，经国务院同意，现就有关事项通知如下：\n\n" +
		strings.Join(items, "\n\n") + "\n\n各地区、各有关部门要认真做好激励支持工作。\n\n国务院办公厅\n2021年10月1日\n"
	res := Extract(&ingest.Document{Name: "notice", Text: doc, Original: doc})
	if want := "国务院办公厅关于对真抓实干成效明显地方加大激励支持力度的通知"; res.Title != want {
		t.Errorf("title = %q, want %q", res.Title, want)
	}
	leads := []string{"国家发展改革委", "财政部、人力资源社会保障部", "农业农村部、财政部", "国务院办公厅"}
	if len(res.Tasks) != len(items) {
		t.Fatalf("got %d tasks, want %d: %+v", len(res.Tasks), len(items), res.Tasks)
	}
	for i, task := range res.Tasks {
		if !strings.HasPrefix(items[i], "一二三四"[i*3:i*3+3]+"、"+task.Title) {
			t.Errorf("task %d = %q", i, task.Title)
		}
		if got := strings.Join(task.LeadUnits, "、"); got != leads[i] {
			t.Errorf("task %d leads = %q, want %q", i, got, leads[i])
		}
	}
}

// TestNoticeRequirements: a notice that sets out its own requirements
// (一、高度重视…) before the title line of the plan it issues: the plan's
// items are the tasks, not the notice's requirements.
func TestNoticeRequirements(t *testing.T) {
	doc := "某市人民政府办公室关于印发某市推动绿色低碳发展分工方案的通知\n各县区人民政府，市政府各部门：\n" +
		"经市政府同意，现将《某市推动绿色低碳发展分工方案》印发给你们，并提出以下要求，请认真贯彻实施。\n" +
		"一、高度重视，认真研究政策。各县区、各部门要强化组织领导。\n二、压实责任，推动工作落实。各牵头单位要制定工作推进方案。\n" +
		"某市人民政府办公室\n2030年1月6日\n某市推动绿色低碳发展分工方案\n" +
		"1.建设绿色低碳发展先行区。形成一批可推广的经验。（牵头单位：市发展改革委）\n2.推进传统产业绿色化改造。实施技术改造项目100个。（牵头单位：市工业和信息化局）\n"
	res := Extract(&ingest.Document{Name: "notice.txt", Text: doc, Original: doc})
	var got []string
	for _, tk := range res.Tasks {
		got = append(got, tk.Title+":"+strings.Join(tk.LeadUnits, "、"))
	}
	if want := "建设绿色低碳发展先行区:市发展改革委|推进传统产业绿色化改造:市工业和信息化局"; strings.Join(got, "|") != want {
		t.Errorf("tasks %v, want %s", got, want)
	}
}
