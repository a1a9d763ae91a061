-- Reference data: regions, focus areas and funders, written as stable codes
-- in the API (api.md) and seeded with the partner regions and funders of
-- domain.md. The seeded ids are fixed so every installation agrees.
-- Timestamps are always written by the application (in SQLite they are
-- text that must have the driver's format to compare correctly), so the
-- columns have no default; the seed rows carry the migration's date.

-- +goose Up
CREATE TABLE regions (
  id         uuid PRIMARY KEY,
  code       text NOT NULL UNIQUE CHECK (code <> '' AND length(code) <= 64),
  country    text NOT NULL CHECK (length(country) = 2),
  name_de    text NOT NULL DEFAULT '',
  name_en    text NOT NULL DEFAULT '',
  name_ja    text NOT NULL DEFAULT '',
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE focus_areas (
  id         uuid PRIMARY KEY,
  code       text NOT NULL UNIQUE CHECK (code <> '' AND length(code) <= 64),
  name_de    text NOT NULL DEFAULT '',
  name_en    text NOT NULL DEFAULT '',
  name_ja    text NOT NULL DEFAULT '',
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE funders (
  id         uuid PRIMARY KEY,
  code       text NOT NULL UNIQUE CHECK (code <> '' AND length(code) <= 64),
  country    text NOT NULL CHECK (length(country) = 2),
  name_de    text NOT NULL DEFAULT '',
  name_en    text NOT NULL DEFAULT '',
  name_ja    text NOT NULL DEFAULT '',
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

INSERT INTO regions (id, code, country, name_de, name_en, name_ja, created_at, updated_at) VALUES
  ('01a229c0-5400-7862-82e3-6b0a42f7827c', 'bavaria', 'DE', 'Bayern', 'Bavaria', 'バイエルン', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-5401-7291-98cd-c310411e7ec2', 'osaka', 'JP', 'Osaka', 'Osaka', '大阪', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-5402-74dc-b2d9-0e17155cd52b', 'kawasaki', 'JP', 'Kawasaki', 'Kawasaki', '川崎', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00');

INSERT INTO focus_areas (id, code, name_de, name_en, name_ja, created_at, updated_at) VALUES
  ('01a229c0-5403-7c97-8b21-5eea9a79a094', 'personalised_medicine', 'Personalisierte Medizin', 'Personalised medicine', '個別化医療', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-5404-7c4d-9ab8-657a27171105', 'immunomodulation', 'Immunmodulation', 'Immunomodulation', '免疫調節', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-5405-7f41-bd5b-cbb0f1d7bda6', 'viral_oncology', 'Viral induzierte Krebserkrankungen', 'Virally induced cancers', 'ウイルス誘発性がん', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-5406-7b92-9214-7cc342090025', 'cell_gene_therapy', 'Zell- und Gentherapie', 'Cell and gene therapy', '細胞・遺伝子治療', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-5407-72f2-a665-a60c12d28918', 'small_molecules', 'Innovative niedermolekulare Wirkstoffe', 'Innovative small-molecule drugs', '革新的低分子医薬品', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00');

INSERT INTO funders (id, code, country, name_de, name_en, name_ja, created_at, updated_at) VALUES
  ('01a229c0-5408-7a5e-b660-2031b40b1523', 'bmbf', 'DE', 'Bundesministerium für Forschung, Technologie und Raumfahrt (BMFTR; bis 2025 BMBF)', 'Federal Ministry of Research, Technology and Space (BMFTR; BMBF until 2025)', 'ドイツ連邦研究技術宇宙省（BMFTR、2025年まではBMBF）', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-5409-769c-9f44-232fddad0156', 'amed', 'JP', 'Japan Agency for Medical Research and Development (AMED)', 'Japan Agency for Medical Research and Development (AMED)', '国立研究開発法人日本医療研究開発機構（AMED）', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-540a-7208-ad7b-93033476d07d', 'jst', 'JP', 'Japan Science and Technology Agency (JST)', 'Japan Science and Technology Agency (JST)', '国立研究開発法人科学技術振興機構（JST）', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-540b-73dd-8fdb-ecc7777382da', 'jsps', 'JP', 'Japan Society for the Promotion of Science (JSPS)', 'Japan Society for the Promotion of Science (JSPS)', '独立行政法人日本学術振興会（JSPS）', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-540c-7944-a887-aa59246102ff', 'nedo', 'JP', 'New Energy and Industrial Technology Development Organization (NEDO)', 'New Energy and Industrial Technology Development Organization (NEDO)', '国立研究開発法人新エネルギー・産業技術総合開発機構（NEDO）', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-540d-724a-afe8-afcdd9e32fa6', 'dfg', 'DE', 'Deutsche Forschungsgemeinschaft (DFG)', 'German Research Foundation (DFG)', 'ドイツ研究振興協会（DFG）', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00'),
  ('01a229c0-540e-7b9d-b3c1-a686f03f45bc', 'eu', 'EU', 'Europäische Union (EU)', 'European Union (EU)', '欧州連合（EU）', '2026-11-24 00:00:00+00:00', '2026-11-24 00:00:00+00:00');

-- +goose Down
DROP TABLE funders;
DROP TABLE focus_areas;
DROP TABLE regions;
