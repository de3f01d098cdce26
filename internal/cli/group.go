package cli

import (
	"flag"
	"fmt"
	"strings"

	"planwatch/internal/region"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

func groupCommand() *command {
	return &command{
		name:    "group",
		args:    "list | save NAME REGION… | delete NAME",
		summary: "region groups for comparing indicators: 长三角 and 长三角中心区 built in, and your own",
		example: "planwatch group list\n  planwatch group save 浙西南 衢州市 丽水市 金华市\n  planwatch indicator compare 研发经费投入强度 --group 浙西南",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "group", "give list, save or delete")
				}
				verb, rest := args[0], args[1:]
				switch {
				case verb == "list" && len(rest) == 0:
				case verb == "save" && len(rest) >= 2:
				case verb == "delete" && len(rest) == 1:
				default:
					return usageError(cfg, "group", "give list, save NAME REGION… or delete NAME")
				}
				var codes []string
				if verb == "save" {
					for _, r := range rest[1:] {
						code, err := regionCode(r)
						if err != nil {
							return fail(cfg, err)
						}
						codes = append(codes, code)
					}
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				ctx := cfg.Ctx
				switch verb {
				case "save":
					for _, b := range track.BuiltinGroups() {
						if b.Name == rest[0] {
							return fail(cfg, fmt.Errorf("group %s is built in; choose another name", b.Name))
						}
					}
					err = st.SaveRegionGroup(ctx, store.RegionGroup{Name: rest[0], Codes: codes})
				case "delete":
					err = st.DeleteRegionGroup(ctx, rest[0])
				default:
					saved, err := st.RegionGroups(ctx)
					if err != nil {
						return fail(cfg, err)
					}
					for _, g := range append(track.BuiltinGroups(), saved...) {
						var names []string
						for _, c := range g.Codes {
							if d, ok := region.ByCode(c); ok {
								names = append(names, d.Short())
							}
						}
						kind := "自定义"
						if g.BuiltIn {
							kind = "内置"
						}
						fmt.Fprintf(cfg.Stdout, "%s（%s，%d 个）：%s\n", g.Name, kind, len(g.Codes), strings.Join(names, "、"))
					}
					return exitOK
				}
				if err != nil {
					return fail(cfg, fmt.Errorf("group %s: %w", rest[0], err))
				}
				return exitOK
			}
		},
	}
}

// regionCode reads a region given by GB/T 2260 code or by name.
func regionCode(s string) (string, error) {
	if d, ok := region.ByCode(s); ok {
		return d.Code, nil
	}
	ds := region.ByName(s)
	switch len(ds) {
	case 0:
		return "", fmt.Errorf("region %s: not a division's name or GB/T 2260 code", s)
	case 1:
		return ds[0].Code, nil
	}
	var opts []string
	for _, d := range ds {
		opts = append(opts, d.Code+" "+d.Name)
	}
	return "", fmt.Errorf("region %s: ambiguous, give the code (%s)", s, strings.Join(opts, "; "))
}
