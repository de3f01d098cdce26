package store

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestTags(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ids := library(t, s)
		a, b := ids["绍兴市数字经济行动计划"], ids["上海市实施方案"]
		tagsOf := func(id string) []string {
			d, err := s.Document(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return d.Tags
		}
		if err := s.AddTags(ctx, a, "营商环境", "长三角", "营商环境"); err != nil {
			t.Fatal(err)
		}
		if got := tagsOf(a); !slices.Equal(got, []string{"数字经济", "营商环境", "长三角"}) {
			t.Errorf("after AddTags: %v", got)
		}
		if err := s.AddTags(ctx, "zzzzzzzzzzzzzzzz", "x"); !errors.Is(err, ErrNotFound) {
			t.Errorf("AddTags(missing) = %v", err)
		}
		if err := s.RemoveTags(ctx, a, "营商环境", "不存在"); err != nil {
			t.Fatal(err)
		}
		if got := tagsOf(a); !slices.Equal(got, []string{"数字经济", "长三角"}) {
			t.Errorf("after RemoveTags: %v", got)
		}
		tags, _ := s.Tags(ctx)
		if !slices.Equal(tags, []TagCount{{"数字经济", 1}, {"科创", 1}, {"长三角", 3}}) {
			t.Errorf("Tags = %v (an unused tag should be gone)", tags)
		}

		if err := s.RenameTag(ctx, "数字经济", "数字化"); err != nil {
			t.Fatal(err)
		}
		if err := s.RenameTag(ctx, "数字化", "长三角"); !errors.Is(err, ErrConflict) {
			t.Errorf("rename onto an existing tag: %v, want ErrConflict", err)
		}
		if err := s.RenameTag(ctx, "没有", "新"); !errors.Is(err, ErrNotFound) {
			t.Errorf("rename a missing tag: %v, want ErrNotFound", err)
		}
		if err := s.AddTags(ctx, b, "科创"); err != nil {
			t.Fatal(err)
		}
		// 嘉兴 has 科创 and 长三角; 上海 has 科创; 绍兴 has 数字化 and 长三角.
		if err := s.MergeTags(ctx, "长三角", "科创", "数字化"); err != nil {
			t.Fatal(err)
		}
		tags, _ = s.Tags(ctx)
		if !slices.Equal(tags, []TagCount{{"长三角", 4}}) {
			t.Errorf("after merge: %v", tags)
		}
		if got := tagsOf(b); !slices.Equal(got, []string{"长三角"}) {
			t.Errorf("merged document tags: %v", got)
		}
		if err := s.MergeTags(ctx, "新", "没有"); !errors.Is(err, ErrNotFound) {
			t.Errorf("merge a missing tag: %v, want ErrNotFound", err)
		}
		tags, _ = s.Tags(ctx)
		if len(tags) != 1 {
			t.Errorf("a failed merge left tags behind: %v", tags)
		}
	})
}
