-- The UN communication's consent questions, asked of each person in her own words and kept
-- with her: '' not asked yet, 'yes' / 'no'; the public report: 'full_name' / 'initials'.
ALTER TABLE persons ADD COLUMN un_aware_letter TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN un_name_to_addressee TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN un_public_report TEXT NOT NULL DEFAULT '';
