-- Harvested observations. A figure a stored document reports (the next
-- 政府工作报告's review of the past year, a 统计公报) is matched against
-- the indicators of tracked plans and proposed, never written: a person
-- accepts it (it becomes an observation citing the document), rejects
-- it, or marks it "not this indicator", which teaches the synonym table.
-- Shared by SQLite and PostgreSQL.

CREATE TABLE harvest_proposals (
    id            TEXT PRIMARY KEY,
    indicator_id  TEXT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    plan_id       TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version_seq   INTEGER NOT NULL,
    obs_name      TEXT NOT NULL, -- the indicator as the document names it
    obs_period    TEXT NOT NULL,
    obs_value     DOUBLE PRECISION NOT NULL, -- in the indicator's unit
    doc_value     DOUBLE PRECISION NOT NULL, -- as the document states it
    doc_unit      TEXT NOT NULL,
    region_code   TEXT NOT NULL,
    region_name   TEXT NOT NULL,
    quote         TEXT NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    reasons       TEXT NOT NULL, -- one per line
    state         TEXT NOT NULL, -- proposed, accepted, rejected, wrong (not this indicator)
    observation_id TEXT NOT NULL, -- the observation an accepted one became; '' otherwise
    decided_by    TEXT NOT NULL,
    decided_at    BIGINT NOT NULL,
    decision_note TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    UNIQUE (indicator_id, document_id, version_seq, span_start, span_end)
);
CREATE INDEX harvest_proposals_plan ON harvest_proposals (plan_id, state);
CREATE INDEX harvest_proposals_indicator ON harvest_proposals (indicator_id, obs_period);
CREATE INDEX harvest_proposals_document ON harvest_proposals (document_id);

-- Names one quantity goes by: name means canonical, or (negative) a
-- person said it does not. Keys are compared after track.Key.
CREATE TABLE harvest_synonyms (
    name       TEXT NOT NULL,
    canonical  TEXT NOT NULL,
    negative   BOOLEAN NOT NULL,
    author     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (name, canonical)
);

INSERT INTO harvest_synonyms (name, canonical, negative, author, created_at) VALUES
 ('经济增长', '地区生产总值增长', FALSE, 'seed', 0),
 ('GDP增长', '地区生产总值增长', FALSE, 'seed', 0),
 ('国内生产总值增长', '地区生产总值增长', FALSE, 'seed', 0),
 ('经济增速', '地区生产总值增长', FALSE, 'seed', 0),
 ('R&D投入强度', '研发经费投入强度', FALSE, 'seed', 0),
 ('R&D经费投入强度', '研发经费投入强度', FALSE, 'seed', 0),
 ('全社会研发投入占GDP比重', '研发经费投入强度', FALSE, 'seed', 0),
 ('研发经费支出占地区生产总值比重', '研发经费投入强度', FALSE, 'seed', 0),
 ('研发投入占地区生产总值比重', '研发经费投入强度', FALSE, 'seed', 0),
 ('新增城镇就业', '城镇新增就业', FALSE, 'seed', 0),
 ('城镇新增就业人数', '城镇新增就业', FALSE, 'seed', 0),
 ('CPI', '居民消费价格涨幅', FALSE, 'seed', 0),
 ('居民消费价格上涨', '居民消费价格涨幅', FALSE, 'seed', 0),
 ('物价涨幅', '居民消费价格涨幅', FALSE, 'seed', 0),
 ('调查失业率', '城镇调查失业率', FALSE, 'seed', 0),
 ('全国城镇调查失业率', '城镇调查失业率', FALSE, 'seed', 0),
 ('登记失业率', '城镇登记失业率', FALSE, 'seed', 0),
 ('粮食总产量', '粮食产量', FALSE, 'seed', 0),
 ('粮食生产', '粮食产量', FALSE, 'seed', 0),
 ('单位GDP能耗下降', '单位地区生产总值能耗下降', FALSE, 'seed', 0),
 ('能耗强度下降', '单位地区生产总值能耗下降', FALSE, 'seed', 0),
 ('单位GDP能耗降低', '单位地区生产总值能耗下降', FALSE, 'seed', 0),
 ('外贸进出口增长', '进出口增长', FALSE, 'seed', 0),
 ('进出口总额增长', '进出口增长', FALSE, 'seed', 0),
 ('对外贸易进出口增长', '进出口增长', FALSE, 'seed', 0),
 ('城镇人均可支配收入', '城镇居民人均可支配收入', FALSE, 'seed', 0),
 ('农民人均纯收入', '农村居民人均纯收入', FALSE, 'seed', 0),
 ('一般公共预算收入', '公共财政预算收入', FALSE, 'seed', 0),
 ('一般公共财政预算收入', '公共财政预算收入', FALSE, 'seed', 0),
 ('地方公共财政预算收入', '公共财政预算收入', FALSE, 'seed', 0),
 ('城镇常住居民人均可支配收入', '城镇居民人均可支配收入', FALSE, 'seed', 0),
 ('农村牧区常住居民人均可支配收入', '农村居民人均可支配收入', FALSE, 'seed', 0),
 ('农村常住居民人均可支配收入', '农村居民人均可支配收入', FALSE, 'seed', 0),
 ('全社会固定资产投资增长', '固定资产投资增长', FALSE, 'seed', 0);
