package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"planwatch/internal/region"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/unitname"
	"planwatch/internal/web/auth"
)

func unitCommand() *command {
	return &command{
		name: "unit",
		args: "list [--region R] [--unconfirmed] | add NAME --region R [--level 市] [--alias A] | alias UNIT NAME… | " +
			"merge KEEP MERGED | show UNIT | confirm UNIT… | confirm --all [--region R]",
		summary: "the unit registry (单位名录): every unit the plans name, seeded from them for review, with the other names " +
			"each goes by; every command and page that names a unit resolves it here (市发改委 = 市发展改革委)",
		example: "planwatch unit list --unconfirmed\n" +
			"  planwatch unit alias 市发展改革委 发改委 市发改委 --region 330400\n" +
			"  planwatch unit merge 市数据局 市大数据局 --region 嘉兴市   # records move, 市大数据局 becomes an alias\n" +
			"  planwatch unit add 市司法局 --region 330400 --level 市\n" +
			"  planwatch unit confirm --all --region 330400",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			regionFlag := fs.String("region", "", "the units' region: GB/T 2260 code or name (330400, 嘉兴市)")
			level := fs.String("level", "", "add: 国家, 省, 市 or 区县 (default: by the region)")
			unconfirmed := fs.Bool("unconfirmed", false, "list: only the units seeded from plans and not yet confirmed")
			all := fs.Bool("all", false, "confirm: every unconfirmed unit (of --region)")
			var aliases listFlag
			fs.Var(&aliases, "alias", "add: another name of the unit (repeatable)")
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "unit", "give list, add, alias, merge, show or confirm")
				}
				verb, rest := args[0], args[1:]
				switch {
				case verb == "list" && len(rest) == 0, verb == "show" && len(rest) == 1, verb == "merge" && len(rest) == 2,
					verb == "alias" && len(rest) >= 2, verb == "confirm" && (len(rest) > 0) != *all:
				case verb == "add" && len(rest) == 1:
					if *regionFlag == "" {
						return usageError(cfg, "unit", "add needs --region (the units of every city share names)")
					}
					if *level != "" && !validLevel(*level) {
						return usageError(cfg, "unit", fmt.Sprintf("--level %s: want 国家, 省, 市 or 区县", *level))
					}
				default:
					return usageError(cfg, "unit", fmt.Sprintf("wrong arguments for %q", verb))
				}
				code := ""
				if *regionFlag != "" {
					c, err := regionCode(*regionFlag)
					if err != nil {
						return usageError(cfg, "unit", err.Error())
					}
					code = c
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				ctx := auth.WithRequest(cfg.Ctx, store.NewID(), "")
				actor, err := auth.EntryAs(ctx, "", cliActor(), "unit", "unit", "", nil, nil)
				if err != nil {
					return fail(cfg, err)
				}
				u := unitCLI{cfg: cfg, st: st, ctx: ctx, actor: actor, region: code}
				switch verb {
				case "list":
					err = u.list(*unconfirmed)
				case "add":
					err = u.add(rest[0], *level, aliases)
				case "alias":
					err = u.alias(rest[0], rest[1:])
				case "merge":
					err = u.merge(rest[0], rest[1])
				case "show":
					err = u.show(rest[0])
				case "confirm":
					err = u.confirm(rest, *all)
				}
				if err != nil {
					return fail(cfg, unitHint(err))
				}
				return exitOK
			}
		},
	}
}

// unitCLI is one run of `planwatch unit`.
type unitCLI struct {
	cfg    *Config
	st     *store.Store
	ctx    context.Context
	actor  store.AuditEntry
	region string // from --region; "" for every region
}

// unitHint adds, to a name the registry does not know, how to see the
// registry and teach it the name.
func unitHint(err error) error {
	if errors.Is(err, unitname.ErrUnknown) {
		return fmt.Errorf("%w (planwatch unit list shows the registry; unit alias UNIT NAME adds a name, unit add NAME a unit)", err)
	}
	return err
}

// find returns the unit ref names: an ID or unique prefix, else a name or
// alias resolved in --region's registry, or in every region's when it
// names one unit there.
func (u unitCLI) find(ref string) (store.Unit, error) {
	if unit, err := u.st.Unit(u.ctx, ref); err == nil {
		return unit, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return store.Unit{}, err
	}
	if u.region != "" {
		return u.st.FindUnit(u.ctx, u.region, ref)
	}
	b, err := u.st.UnitBook(u.ctx, "", true)
	if err != nil {
		return store.Unit{}, err
	}
	e, err := b.Resolve(ref)
	if err != nil {
		return store.Unit{}, err
	}
	same, err := u.st.Units(u.ctx, store.UnitFilter{})
	if err != nil {
		return store.Unit{}, err
	}
	var regions []string
	var found store.Unit
	for _, c := range same {
		if c.Name == e.Name {
			regions = append(regions, c.RegionCode+" "+c.RegionName)
			found = c
		}
	}
	if len(regions) > 1 {
		return store.Unit{}, fmt.Errorf("%s is a unit of %d regions (%s): give --region", e.Name, len(regions), strings.Join(regions, ", "))
	}
	return found, nil
}

func (u unitCLI) list(unconfirmed bool) error {
	units, err := u.st.Units(u.ctx, store.UnitFilter{RegionCode: u.region, Unconfirmed: unconfirmed})
	if err != nil {
		return err
	}
	w := u.cfg.Stdout
	for _, x := range units {
		mark := ""
		if !x.Confirmed {
			mark = "  [待确认]"
		}
		line := fmt.Sprintf("%s  %-6s %-8s %-4s %s%s", x.ID, orDash(x.RegionCode), orDash(x.RegionName), orDash(x.Level), x.Name, mark)
		if len(x.Aliases) > 0 {
			line += "  又称：" + strings.Join(x.Aliases, "、")
		}
		fmt.Fprintln(w, line)
	}
	n := 0
	for _, x := range units {
		if !x.Confirmed {
			n++
		}
	}
	fmt.Fprintf(w, "%d units, %d to confirm (planwatch unit confirm UNIT…, or merge the ones that are one unit)\n", len(units), n)
	return nil
}

func (u unitCLI) add(name, level string, aliases []string) error {
	regionName := ""
	if d, ok := region.ByCode(u.region); ok {
		regionName = d.Name
	}
	if level == "" {
		level = track.GuessLevel(u.region)
	}
	unit, err := u.st.AddUnit(u.ctx, store.Unit{Name: name, RegionCode: u.region, RegionName: regionName, Level: level,
		Aliases: aliases}, u.actor)
	if err != nil {
		return err
	}
	fmt.Fprintf(u.cfg.Stdout, "unit %s: %s（%s）\n", unit.ID, unit.Name, orDash(unit.RegionName))
	return nil
}

func (u unitCLI) alias(ref string, names []string) error {
	unit, err := u.find(ref)
	if err != nil {
		return err
	}
	unit, err = u.st.AddUnitAliases(u.ctx, unit.ID, names, u.actor)
	if err != nil {
		return err
	}
	fmt.Fprintf(u.cfg.Stdout, "%s 又称：%s\n", unit.Name, strings.Join(unit.Aliases, "、"))
	return nil
}

func (u unitCLI) merge(keepRef, mergedRef string) error {
	keep, err := u.find(keepRef)
	if err != nil {
		return err
	}
	merged, err := u.find(mergedRef)
	if err != nil {
		return err
	}
	m, err := u.st.MergeUnits(u.ctx, keep.ID, merged.ID, u.actor)
	if err != nil {
		return err
	}
	fmt.Fprintf(u.cfg.Stdout, "%s merged into %s: %d assignments, %d updates, %d account scopes, %d reminders moved; %s is now an alias\n",
		m.Merged.Name, m.Kept.Name, m.Assignments, m.Updates, m.Scopes, m.Reminders, m.Merged.Name)
	return nil
}

func (u unitCLI) show(ref string) error {
	unit, err := u.find(ref)
	if err != nil {
		return err
	}
	use, err := u.st.UnitUsage(u.ctx, unit)
	if err != nil {
		return err
	}
	w := u.cfg.Stdout
	state := "已确认"
	if !unit.Confirmed {
		state = "待确认（由计划自动登记）"
	}
	fmt.Fprintf(w, "单位：%s\n编号：%s\n地区：%s（%s）\n层级：%s\n状态：%s\n", unit.Name, unit.ID, orDash(unit.RegionName),
		orDash(unit.RegionCode), orDash(unit.Level), state)
	fmt.Fprintf(w, "又称：%s\n", orDash(strings.Join(unit.Aliases, "、")))
	if v := unitname.Variants(unit.Name); len(v) > 0 {
		fmt.Fprintf(w, "也认作：%s\n", strings.Join(v, "、"))
	}
	fmt.Fprintf(w, "牵头任务 %d 项，配合任务 %d 项，报送 %d 次，报送账号 %d 个\n", use.Leads, use.Supports, use.Updates, use.Users)
	for _, p := range use.Plans {
		fmt.Fprintf(w, "  %s  %s\n", p.ID, p.Title)
	}
	return nil
}

func (u unitCLI) confirm(refs []string, all bool) error {
	var ids []string
	if all {
		units, err := u.st.Units(u.ctx, store.UnitFilter{RegionCode: u.region, Unconfirmed: true})
		if err != nil {
			return err
		}
		for _, x := range units {
			ids = append(ids, x.ID)
		}
	}
	for _, ref := range refs {
		unit, err := u.find(ref)
		if err != nil {
			return err
		}
		ids = append(ids, unit.ID)
	}
	n, err := u.st.ConfirmUnits(u.ctx, ids, u.actor)
	if err != nil {
		return err
	}
	fmt.Fprintf(u.cfg.Stdout, "%d units confirmed\n", n)
	return nil
}
