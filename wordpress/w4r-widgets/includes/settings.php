<?php
/** The plugin's settings: the endpoint's address, the language and theme, script or iframe. */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const W4R_WIDGETS_OPTION = 'w4r_widgets';
const W4R_WIDGETS_THEMES = array( 'default', 'amnesty' );
const W4R_WIDGETS_MODES  = array( 'script', 'iframe' );

/** The settings, each one valid: what sanitising let through, or the default. */
function w4r_widgets_settings() {
	$saved = get_option( W4R_WIDGETS_OPTION, array() );
	return w4r_widgets_sanitize_settings( is_array( $saved ) ? $saved : array() );
}

/** An http or https origin, without a path or a trailing slash; '' for anything else. */
function w4r_widgets_sanitize_endpoint( $value ) {
	$url = esc_url_raw( trim( (string) $value ), array( 'http', 'https' ) );
	$parts = wp_parse_url( $url );
	if ( ! $parts || empty( $parts['host'] ) || ! in_array( $parts['scheme'] ?? '', array( 'http', 'https' ), true ) ) {
		return '';
	}
	$port = isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '';
	return $parts['scheme'] . '://' . $parts['host'] . $port;
}

/** A language tag such as `es` or `pt-BR`; '' for none. The endpoint says which it has. */
function w4r_widgets_sanitize_locale( $value ) {
	$value = trim( (string) $value );
	return preg_match( '/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/', $value ) ? $value : '';
}

function w4r_widgets_sanitize_settings( $input ) {
	$input = is_array( $input ) ? $input : array();
	$theme = isset( $input['theme'] ) ? (string) $input['theme'] : '';
	$mode  = isset( $input['mode'] ) ? (string) $input['mode'] : '';
	return array(
		'endpoint' => w4r_widgets_sanitize_endpoint( $input['endpoint'] ?? '' ),
		'locale'   => w4r_widgets_sanitize_locale( $input['locale'] ?? '' ),
		'theme'    => in_array( $theme, W4R_WIDGETS_THEMES, true ) ? $theme : 'default',
		'mode'     => in_array( $mode, W4R_WIDGETS_MODES, true ) ? $mode : 'script',
	);
}

function w4r_widgets_register_settings() {
	register_setting(
		'w4r_widgets',
		W4R_WIDGETS_OPTION,
		array(
			'type'              => 'object',
			'sanitize_callback' => 'w4r_widgets_sanitize_settings',
			'default'           => w4r_widgets_sanitize_settings( array() ),
		)
	);
}

function w4r_widgets_settings_page() {
	add_options_page( 'W4R widgets', 'W4R widgets', 'manage_options', 'w4r-widgets', 'w4r_widgets_render_settings_page' );
}

function w4r_widgets_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$settings = w4r_widgets_settings();
	$name     = static function ( $key ) {
		return esc_attr( W4R_WIDGETS_OPTION . '[' . $key . ']' );
	};
	?>
	<div class="wrap">
		<h1>W4R widgets</h1>
		<form method="post" action="options.php">
			<?php settings_fields( 'w4r_widgets' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="w4r-endpoint">Endpoint address</label></th>
					<td>
						<input id="w4r-endpoint" class="regular-text" type="url" name="<?php echo $name( 'endpoint' ); ?>" value="<?php echo esc_attr( $settings['endpoint'] ); ?>" placeholder="https://actions.example.org" />
						<p class="description">Where the campaign's action endpoint runs. Its w4r.js is loaded from there.</p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="w4r-locale">Language</label></th>
					<td>
						<input id="w4r-locale" type="text" name="<?php echo $name( 'locale' ); ?>" value="<?php echo esc_attr( $settings['locale'] ); ?>" placeholder="es" />
						<p class="description">A language code such as es or fr; empty for the campaign's own.</p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="w4r-theme">Theme</label></th>
					<td>
						<select id="w4r-theme" name="<?php echo $name( 'theme' ); ?>">
							<?php foreach ( W4R_WIDGETS_THEMES as $theme ) : ?>
								<option value="<?php echo esc_attr( $theme ); ?>" <?php selected( $settings['theme'], $theme ); ?>><?php echo esc_html( $theme ); ?></option>
							<?php endforeach; ?>
						</select>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="w4r-mode">Show the widgets</label></th>
					<td>
						<select id="w4r-mode" name="<?php echo $name( 'mode' ); ?>">
							<option value="script" <?php selected( $settings['mode'], 'script' ); ?>>in the page (loads w4r.js)</option>
							<option value="iframe" <?php selected( $settings['mode'], 'iframe' ); ?>>in a frame (no script of the endpoint in the page)</option>
						</select>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}
