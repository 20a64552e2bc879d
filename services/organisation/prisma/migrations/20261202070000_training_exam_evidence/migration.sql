-- Issue 16: a development step may name the training exam (learning service) whose pass is its
-- training evidence; the hours and days recorded are the exam's, read over the bus.
alter table development_steps add column training_exam_id uuid;
