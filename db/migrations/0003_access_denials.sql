CREATE TABLE `access_denials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`role` text,
	`code` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `access_denials_at` ON `access_denials` (`at`);