package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"planwatch/internal/library"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
)

// listFlag collects a repeatable or comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == '，' }) {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

func taskCommand() *command {
	return &command{
		name: "task",
		args: "list PLAN | update ITEM | extend ITEM | add PLAN | edit ITEM | assign ITEM | merge INTO FROM | history ITEM | link TASK PROJECT",
		summary: "follow tasks: post progress updates, record an approved extension (已延期), add, edit, reassign, merge and drop tasks " +
			"(each change kept with its reason); units are named as the unit registry knows them",
		example: "planwatch task list 01k84q --unit 市发改委\n" +
			"  planwatch task update 01k84q9x --status 进行中 --progress 40 --note 已完成选址 --unit 市发改委\n" +
			"  planwatch task extend 01k84q9x --deadline 2026-06-30 --reason 用地审批延后 --approver 市政府办公室\n" +
			"  planwatch task edit 01k84q9x --deadline 2026-06-30 --reason 省里调整了时限\n" +
			"  planwatch task add 01k84q --title 建设数据中心 --parent 01k84q7a --lead 市大数据局 --reason 年中调整\n" +
			"  planwatch task link 01k84q9x 01k84qp2   # the task carries the project (a project's milestones: task add --parent PROJECT)",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			var o taskOpts
			fs.StringVar(&o.unit, "unit", "", "list: tasks of this unit; update: the reporting unit")
			fs.StringVar(&o.status, "status", "", "list: only tasks in this state (未开始, 进行中, 滞后, 逾期, 已延期, 暂停, 取消, 已完成); "+
				"update: 未开始, 进行中, 已完成, 暂停 or 取消 (older words such as 未启动, 序时推进, 进度缓慢 are read too)")
			fs.StringVar(&o.progress, "progress", "", "update: progress 0–100 (60, 60%, 全部完成)")
			fs.StringVar(&o.note, "note", "", "update: what was done (进展情况)")
			fs.StringVar(&o.evidence, "evidence", "", "update: a link, or a file to store with the update")
			fs.StringVar(&o.date, "date", "", "update: the date the report is about (default today)")
			fs.StringVar(&o.author, "as", osUser(), "who makes the change, credited with it (default: the OS user)")
			fs.Func("author", "the same as --as", func(v string) error { o.author = v; return nil })
			fs.StringVar(&o.title, "title", "", "add, edit: the task's title")
			fs.StringVar(&o.body, "body", "", "add, edit: the task's text")
			fs.StringVar(&o.parent, "parent", "", "add: the group item it belongs to")
			fs.StringVar(&o.deadline, "deadline", "", "add, edit, extend: the deadline, YYYY-MM-DD (extend: the new one approved)")
			fs.StringVar(&o.approver, "approver", "", "extend: who approved the new deadline")
			fs.StringVar(&o.approved, "approved", "", "extend: the day it was approved (default today)")
			fs.Var(&o.lead, "lead", "add, assign: lead units (repeatable or comma-separated)")
			fs.Var(&o.support, "support", "add, assign: supporting units")
			fs.BoolVar(&o.drop, "drop", false, "edit: drop the task from the plan (kept for the record)")
			fs.StringVar(&o.reason, "reason", "", "add, edit, extend, assign, merge: why (kept with the change); update: why an update is dated before the period open for reporting (补报) or brings progress down")
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "task", "give list, update, add, edit, assign, merge, history or link")
				}
				verb, rest := args[0], args[1:]
				need := map[string]int{"list": 1, "update": 1, "extend": 1, "add": 1, "edit": 1, "assign": 1, "merge": 2, "history": 1, "link": 2}
				n, ok := need[verb]
				if !ok {
					return usageError(cfg, "task", fmt.Sprintf("unknown action %q", verb))
				}
				if len(rest) != n {
					return usageError(cfg, "task", fmt.Sprintf("%s takes %d argument(s)", verb, n))
				}
				if msg := o.check(verb); msg != "" {
					return usageError(cfg, "task", msg)
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				if err := runTask(cfg, st, verb, rest, o); err != nil {
					return fail(cfg, unitHint(err))
				}
				return exitOK
			}
		},
	}
}

type taskOpts struct {
	unit, status, note, evidence, date, author string
	title, body, parent, deadline, reason      string
	approver, approved, progress               string
	lead, support                              listFlag
	drop                                       bool
}

// check validates the options of an action before anything is opened.
func (o taskOpts) check(verb string) string {
	if _, ok := track.ParseProgress(o.progress); o.progress != "" && !ok {
		return "--progress " + o.progress + ": want 0–100 (60, 60%, 全部完成)"
	}
	for _, d := range []string{o.date, o.deadline, o.approved} {
		if d != "" {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				return fmt.Sprintf("%s is not a date like 2025-06-30", d)
			}
		}
	}
	if o.status != "" && verb == "list" {
		if _, ok := track.ParseState(o.status); !ok {
			return fmt.Sprintf("--status %s: want one of %s", o.status, stateWords())
		}
	} else if o.status != "" {
		if _, err := track.ParseStatus(o.status); err != nil {
			return err.Error()
		}
	}
	switch verb {
	case "update":
		if o.status == "" && o.progress == "" && o.note == "" {
			return "update needs --status, --progress or --note"
		}
	case "extend":
		if o.deadline == "" || o.reason == "" || o.approver == "" {
			return "extend needs --deadline (the new one), --reason and --approver"
		}
	case "add":
		if o.title == "" || o.reason == "" {
			return "add needs --title and --reason"
		}
	case "edit":
		if o.reason == "" {
			return "edit needs --reason"
		}
		if o.title == "" && o.body == "" && o.deadline == "" && !o.drop {
			return "edit needs --title, --body, --deadline or --drop"
		}
	case "assign":
		if len(o.lead) == 0 && len(o.support) == 0 {
			return "assign needs --lead or --support"
		}
	case "merge":
		if o.reason == "" {
			return "merge needs --reason"
		}
	}
	return ""
}

func runTask(cfg *Config, st *store.Store, verb string, args []string, o taskOpts) error {
	ctx := cfg.Ctx
	now := time.Now().UTC()
	edit := func(action, before, after string) store.ItemEdit {
		return store.ItemEdit{Action: action, Before: before, After: after, Reason: o.reason, Author: o.author, RecordedAt: now}
	}
	switch verb {
	case "list":
		p, err := findPlan(ctx, st, args[0])
		if err != nil {
			return fmt.Errorf("plan %s: %w", args[0], err)
		}
		f := store.ItemFilter{Kind: store.KindTask}
		if o.unit != "" {
			u, err := st.FindUnit(ctx, p.RegionCode, o.unit)
			if err != nil {
				return fmt.Errorf("--unit: %w", err)
			}
			f.Unit = u.Name
		}
		items, err := st.Items(ctx, p.ID, f)
		if err != nil {
			return fmt.Errorf("plan %s: %w", p.ID, err)
		}
		if want, ok := track.ParseState(o.status); ok {
			items = slices.DeleteFunc(items, func(it store.Item) bool { return track.StateOf(p, it, now).Status != want })
		}
		printItems(cfg.Stdout, p, items, now)
		return nil
	case "history":
		it, err := st.Item(ctx, args[0])
		if err != nil {
			return fmt.Errorf("task %s: %w", args[0], err)
		}
		ups, err := st.Updates(ctx, it.ID)
		if err != nil {
			return fmt.Errorf("task %s: %w", it.ID, err)
		}
		p, err := st.Plan(ctx, it.PlanID)
		if err != nil {
			return fmt.Errorf("task %s: %w", it.ID, err)
		}
		rh := track.PlanRhythm(p)
		fmt.Fprintf(cfg.Stdout, "%s %s\n", it.Number, it.Title)
		for _, u := range ups {
			fmt.Fprintf(cfg.Stdout, "  %s  %-6s %3d%%  %s  %s", u.Date, track.StatusLabel(u.Status), u.Progress, orDash(u.Unit), u.Note)
			if u.Evidence != "" {
				fmt.Fprintf(cfg.Stdout, "  [证明材料 %s]", u.Evidence)
			}
			if track.Late(u, rh) {
				fmt.Fprint(cfg.Stdout, "  〔迟报〕")
			}
			if u.Reason != "" {
				fmt.Fprintf(cfg.Stdout, "  说明：%s", u.Reason)
			}
			fmt.Fprintf(cfg.Stdout, "  —%s\n", orDash(u.Author))
		}
		return nil
	case "update":
		it, err := st.Item(ctx, args[0])
		if err != nil {
			return fmt.Errorf("task %s: %w", args[0], err)
		}
		// The task page's rules (track.CheckUpdate): status, progress, a
		// date not after today, a unit of the task's, the note's length and
		// characters, an evidence link.
		f := track.UpdateFields{Date: o.date, Status: o.status, Unit: o.unit, Note: o.note, Progress: o.progress, Reason: o.reason}
		if library.IsURL(o.evidence) {
			f.Evidence = o.evidence
		}
		p, err := st.Plan(ctx, it.PlanID)
		if err != nil {
			return fmt.Errorf("task %s: %w", it.ID, err)
		}
		target := track.TargetOf(it)
		target.Today, target.KeepEmpty, target.Rhythm = time.Now().Format(time.DateOnly), true, track.PlanRhythm(p)
		if target.Units, err = st.UnitBook(ctx, p.RegionCode, false); err != nil {
			return err
		}
		u, problems := track.CheckUpdate(f, target)
		problems = append(problems, track.CheckName(track.FieldAuthor, o.author)...)
		if len(problems) > 0 {
			return fmt.Errorf("task %s: %s", it.ID, problemList(problems))
		}
		u.Author, u.Source, u.RecordedAt = o.author, "cli", now
		if o.evidence != "" && u.Evidence == "" {
			// A file: kept with the update as the web form keeps its
			// upload, so that whoever may see the update can download it.
			if err := addUpdateWithFile(ctx, st, &u, o.evidence); err != nil {
				return fmt.Errorf("task %s: %w", it.ID, err)
			}
		} else if err := st.AddUpdates(ctx, []store.Update{u}); err != nil {
			return fmt.Errorf("task %s: %w", it.ID, err)
		}
		if it, err = st.Item(ctx, it.ID); err != nil {
			return err
		}
		a := track.StateOf(p, it, now)
		fmt.Fprintf(cfg.Stdout, "%s %s: %s %d%% → %s（序时进度 %.0f%%）\n", it.Number, it.Title, track.StatusLabel(u.Status), u.Progress,
			a.Label(), a.Expected)
		return nil
	case "extend":
		it, err := st.Item(ctx, args[0])
		if err != nil {
			return fmt.Errorf("task %s: %w", args[0], err)
		}
		p, err := st.Plan(ctx, it.PlanID)
		if err != nil {
			return fmt.Errorf("task %s: %w", it.ID, err)
		}
		approved := o.approved
		if approved == "" {
			approved = time.Now().Format(time.DateOnly)
		}
		e := store.Extension{ItemID: it.ID, NewDeadline: o.deadline, Reason: o.reason, ApprovedBy: o.approver, ApprovedOn: approved,
			RecordedBy: o.author}
		if e, err = track.CheckExtension(p, it, e, now); err != nil {
			return fmt.Errorf("task %s: %w", it.ID, err)
		}
		actx := auth.WithRequest(ctx, store.NewID(), "")
		actor, err := auth.EntryAs(actx, "", cliActor(), store.AuditTaskExtend, "item", it.ID, nil, nil)
		if err != nil {
			return err
		}
		if _, err := st.ExtendItem(actx, e, actor); err != nil {
			return fmt.Errorf("task %s: %w", it.ID, err)
		}
		fmt.Fprintf(cfg.Stdout, "%s %s: 已延期至 %s（%s批准）\n", it.Number, it.Title, e.NewDeadline, e.ApprovedBy)
		return nil
	case "add":
		p, err := findPlan(ctx, st, args[0])
		if err != nil {
			return fmt.Errorf("plan %s: %w", args[0], err)
		}
		it := store.Item{PlanID: p.ID, Kind: store.KindTask, Title: o.title, Body: o.body, Deadline: o.deadline}
		if o.parent != "" {
			parent, err := st.Item(ctx, o.parent)
			if err != nil || parent.PlanID != p.ID {
				return fmt.Errorf("parent %s: not an item of plan %s", o.parent, p.ID)
			}
			it.ParentID = parent.ID
		}
		it.Units = assignments(o.lead, o.support)
		if err := st.AddItem(ctx, &it, edit(store.EditAdded, "", o.title)); err != nil {
			return fmt.Errorf("adding to plan %s: %w", p.ID, err)
		}
		fmt.Fprintf(cfg.Stdout, "task %s added: %s\n", it.ID, it.Title)
		return nil
	case "edit":
		it, err := st.Item(ctx, args[0])
		if err != nil {
			return fmt.Errorf("task %s: %w", args[0], err)
		}
		var e store.ItemEdit
		switch {
		case o.drop:
			e = edit(store.EditDropped, it.Title, "")
			it.Dropped = true
		case o.deadline != "":
			e = edit(store.EditDeadline, it.Deadline, o.deadline)
			it.Deadline = o.deadline
		default:
			e = edit(store.EditRenamed, it.Title, o.title)
		}
		if o.title != "" {
			it.Title = o.title
		}
		if o.body != "" {
			it.Body = o.body
		}
		if err := st.EditItem(ctx, it, e); err != nil {
			return fmt.Errorf("task %s: %w", it.ID, err)
		}
		fmt.Fprintf(cfg.Stdout, "task %s: %s recorded\n", it.ID, e.Action)
		return nil
	case "assign":
		it, err := st.Item(ctx, args[0])
		if err != nil {
			return fmt.Errorf("task %s: %w", args[0], err)
		}
		units := assignments(o.lead, o.support)
		e := edit(store.EditReassigned, unitsText(it.Units), unitsText(units))
		if err := st.SetUnits(ctx, it.ID, units, &e); err != nil {
			return fmt.Errorf("task %s: %w", it.ID, err)
		}
		fmt.Fprintf(cfg.Stdout, "task %s: %s\n", it.ID, unitsText(units))
		return nil
	case "link":
		task, err := st.Item(ctx, args[0])
		if err != nil {
			return fmt.Errorf("task %s: %w", args[0], err)
		}
		project, err := st.Item(ctx, args[1])
		if err != nil {
			return fmt.Errorf("project %s: %w", args[1], err)
		}
		if project.Kind != store.KindProject || task.Kind != store.KindTask || task.PlanID != project.PlanID {
			return fmt.Errorf("link joins a task to a project of the same plan (%s is a %s, %s a %s)", task.ID, task.Kind, project.ID, project.Kind)
		}
		if err := st.SetItemLink(ctx, store.ItemLink{ItemID: task.ID, ParentItemID: project.ID, Confirmed: true, Score: 1}); err != nil {
			return fmt.Errorf("linking %s to %s: %w", task.ID, project.ID, err)
		}
		fmt.Fprintf(cfg.Stdout, "%s %s 承载 %s\n", task.Number, task.Title, project.Title)
		return nil
	case "merge":
		into, err := st.Item(ctx, args[0])
		if err != nil {
			return fmt.Errorf("task %s: %w", args[0], err)
		}
		from, err := st.Item(ctx, args[1])
		if err != nil {
			return fmt.Errorf("task %s: %w", args[1], err)
		}
		if into.PlanID != from.PlanID || into.ID == from.ID {
			return errors.New("merge joins two different tasks of the same plan")
		}
		if err := st.MergeItems(ctx, into.ID, from.ID, edit(store.EditMerged, from.Title, into.Title)); err != nil {
			return fmt.Errorf("merging %s into %s: %w", from.ID, into.ID, err)
		}
		fmt.Fprintf(cfg.Stdout, "task %s merged into %s\n", from.ID, into.ID)
		return nil
	}
	return nil
}

// stateWords lists the statuses a view shows, for messages.
func stateWords() string {
	var out []string
	for _, c := range track.Statuses() {
		out = append(out, track.StatusLabel(c))
	}
	return strings.Join(out, ", ")
}

// problemList says what is wrong with each field, in Chinese, on one
// line.
func problemList(problems []track.Problem) string {
	var out []string
	for _, p := range problems {
		out = append(out, "--"+p.Field+": "+p.Reason())
	}
	return strings.Join(out, "; ")
}

func assignments(lead, support []string) []store.Assignment {
	var out []store.Assignment
	for _, u := range lead {
		out = append(out, store.Assignment{Unit: u, Role: store.RoleLead})
	}
	for _, u := range support {
		out = append(out, store.Assignment{Unit: u, Role: store.RoleSupport})
	}
	return out
}

func unitsText(us []store.Assignment) string {
	var lead, support []string
	for _, u := range us {
		if u.Role == store.RoleLead {
			lead = append(lead, u.Unit)
		} else {
			support = append(support, u.Unit)
		}
	}
	return "牵头：" + strings.Join(lead, "、") + "；配合：" + strings.Join(support, "、")
}

// addUpdateWithFile saves u with the evidence file at path, checked as
// the web form checks an upload (type, size, name), each with its audit
// entry, in one transaction.
func addUpdateWithFile(ctx context.Context, st *store.Store, u *store.Update, path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("evidence %s: %w", path, err)
	}
	if fi.Size() > track.MaxEvidenceBytes {
		return fmt.Errorf("evidence %s: %d bytes, over the limit of %d MiB", path, fi.Size(), track.MaxEvidenceBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("evidence %s: %w", path, err)
	}
	name := filepath.Base(path)
	typ, err := track.CheckEvidence(name, data)
	if err != nil {
		return err
	}
	u.ID = store.NewID() // the audit entry names it
	upAudit, err := auth.EntryAs(ctx, "", cliActor(), string(auth.PostUpdate), "item", u.ItemID, nil, u)
	if err != nil {
		return err
	}
	evAudit, err := auth.EntryAs(ctx, "", cliActor(), "update.evidence", "update", u.ID, nil,
		map[string]any{"item": u.ItemID, "name": name, "type": typ, "size": len(data)})
	if err != nil {
		return err
	}
	_, err = st.AddUpdateWithEvidence(ctx, u, upAudit, store.Evidence{Name: name, ContentType: typ}, data, evAudit)
	return err
}
